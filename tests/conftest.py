import pytest
from django.core.cache import cache

from news import view_counts


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (site chrome and settings are cached)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_view_tally():
    """Views a test tallied but did not write never reach a later test's database."""
    yield
    view_counts._pending.clear()
