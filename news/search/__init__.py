"""Chinese-aware full-text search for articles (issue 4).

- ``text``: folding and jieba segmentation (dictionary loaded once per process);
- ``documents``: the stored search document, its model field and index, and its rebuild;
- ``query``: the search box syntax, parsed, and the queryset that answers it;
- ``highlight``: titles and snippets with ``<mark>``.
"""

from .documents import (
    SearchDocument,
    SearchDocumentField,
    SearchDocumentIndex,
    article_document,
    rebuild_search_documents,
)
from .highlight import highlight, snippet
from .query import (
    ParsedQuery,
    match_articles,
    order_by_relevance,
    parse_query,
    search_articles,
)
from .text import add_words, tokenizer

__all__ = [
    "ParsedQuery",
    "SearchDocument",
    "SearchDocumentField",
    "SearchDocumentIndex",
    "add_words",
    "article_document",
    "highlight",
    "match_articles",
    "order_by_relevance",
    "parse_query",
    "rebuild_search_documents",
    "search_articles",
    "snippet",
    "tokenizer",
]
