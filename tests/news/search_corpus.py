"""The judged search corpus (news.search_corpus) as pytest fixtures."""

import pytest

from news.search_judgements import build_corpus


@pytest.fixture
def corpus(db):
    """The corpus articles by key, in the test database."""
    return build_corpus()
