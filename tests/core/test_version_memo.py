"""Values kept in process for one content version (core.cache.VersionMemo)."""

import pytest

from core.cache import VersionMemo, bump_content_version, content_version
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_value_is_computed_once_per_version():
    memo, calls = VersionMemo(), []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.get("key", compute) == 1
    assert memo.get("key", compute) == 1
    assert memo.get("other", compute) == 2
    version, value = memo.get_versioned("key", compute)
    assert (version, value) == (content_version(), 1)
    bump_content_version()
    assert memo.get("key", compute) == 3


def test_saving_an_article_starts_a_new_memo():
    memo = VersionMemo()
    assert memo.get("titles", lambda: ["旧"]) == ["旧"]
    ArticleFactory()  # any public model's save bumps the content version
    assert memo.get("titles", lambda: ["新"]) == ["新"]


def test_the_memo_is_bounded():
    memo = VersionMemo(max_entries=2)
    for key in range(5):
        assert memo.get(key, lambda key=key: key * 10) == key * 10
    assert memo.get(4, lambda: "computed again") == "computed again"


def test_with_a_maximum_age_the_memo_is_read_again(settings, monkeypatch):
    """In local memory another process's change never reaches this process's version: a
    maximum age bounds how long it keeps what it read."""
    from core import cache as page_cache

    settings.PORTAL_MEMO_MAX_AGE = 30
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    memo = VersionMemo()
    assert memo.get("zone", lambda: "旧名") == "旧名"
    clock[0] += 29
    assert memo.get("zone", lambda: "新名") == "旧名"
    clock[0] += 2
    assert memo.get("zone", lambda: "新名") == "新名"
    settings.PORTAL_MEMO_MAX_AGE = 0
    clock[0] += 1000
    assert memo.get("zone", lambda: "更新的名") == "新名"  # 0: only a new version
