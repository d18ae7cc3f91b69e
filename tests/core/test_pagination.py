"""The large-list paginator: cached counts that stay exact, and deep pages by deferred join."""

import datetime as dt

import pytest
from django.utils import timezone

from core import pagination
from core.pagination import CachedCountPaginator
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    column = CategoryFactory()
    now = timezone.now()
    return [
        ArticleFactory(
            category=column, title=f"第{n:02d}篇", published_at=now - dt.timedelta(hours=n)
        )
        for n in range(23)
    ]


def test_deep_pages_by_deferred_join_match_plain_slicing(articles, monkeypatch):
    monkeypatch.setattr(pagination, "DEFERRED_JOIN_OFFSET", 5)
    queryset = Article.objects.published().for_list().newest_first()
    plain = [a.title for a in queryset]
    deferred = CachedCountPaginator(queryset, 5, deferred_join=True)
    seen = [a.title for n in deferred.page_range for a in deferred.page(n).object_list]
    assert seen == plain
    assert [a.title for a in deferred.page(3)] == plain[10:15]


def test_deep_page_costs_two_queries_whatever_its_depth(
    articles, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(pagination, "DEFERRED_JOIN_OFFSET", 0)
    queryset = Article.objects.published().for_list().newest_first()
    paginator = CachedCountPaginator(queryset, 5, deferred_join=True)
    paginator.count  # noqa: B018 - counted (and cached) outside the measured block
    with django_assert_num_queries(2):
        page = paginator.page(4)
        titles = [a.title for a in page]
        assert all(a.category.name for a in page)  # joined: no query per row
    assert titles == [f"第{n:02d}篇" for n in range(15, 20)]


def test_count_is_cached_and_exact_after_a_change(articles, django_assert_num_queries):
    queryset = Article.objects.published()
    assert CachedCountPaginator(queryset, 10).count == 23
    with django_assert_num_queries(0):
        assert CachedCountPaginator(queryset, 10).count == 23
    articles[0].status = Article.Status.ARCHIVED
    articles[0].save()
    assert CachedCountPaginator(queryset, 10).count == 22
