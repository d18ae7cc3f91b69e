"""The large-list paginator: cached counts that stay exact, and deep pages by deferred join."""

import datetime as dt

import pytest
from django.utils import timezone

from core import pagination
from core.cache import content_version
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


def test_count_is_cached_for_requests_at_different_times(articles, django_assert_num_queries):
    # Each request filters public articles on its own clock time; the count is kept per
    # content version, not per clock time (else every request would count again).
    assert CachedCountPaginator(Article.objects.published().newest_first(), 10).count == 23
    with django_assert_num_queries(0):
        queryset = Article.objects.published().newest_first()
        assert CachedCountPaginator(queryset, 10).count == 23


def test_only_the_clock_time_is_left_out_of_the_count_key(articles, django_assert_num_queries):
    # The same SQL with another date of the visitor's filter is counted on its own.
    now = timezone.now()
    for hours, expected in ((5.5, 17), (10.5, 12)):
        queryset = Article.objects.published().filter(
            published_at__lt=now - dt.timedelta(hours=hours)
        )
        with django_assert_num_queries(1):
            assert CachedCountPaginator(queryset, 10).count == expected


def test_a_queryset_older_than_the_version_is_counted_not_cached(
    articles, django_assert_num_queries
):
    queryset = Article.objects.published()
    articles[0].delete()  # a change between building the queryset and counting it
    content_version()  # the new version (and its next scheduled time), read outside the counts
    with django_assert_num_queries(1):
        assert CachedCountPaginator(queryset, 10).count == 22
    with django_assert_num_queries(1):  # nothing was stored under the new version
        assert CachedCountPaginator(Article.objects.published(), 10).count == 22
    with django_assert_num_queries(0):
        assert CachedCountPaginator(Article.objects.published(), 10).count == 22


def test_a_scheduled_article_is_counted_once_its_time_comes(articles, monkeypatch):
    now = timezone.now()
    ArticleFactory(category=articles[0].category, published_at=now + dt.timedelta(hours=1))
    assert CachedCountPaginator(Article.objects.published(), 10).count == 23
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=1, seconds=1))
    assert CachedCountPaginator(Article.objects.published(), 10).count == 24
