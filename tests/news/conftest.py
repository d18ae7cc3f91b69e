from .search_corpus import corpus  # noqa: F401  (the judged search corpus, as a fixture)
