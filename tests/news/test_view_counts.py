"""The per-process view tally: every view written exactly once, in one statement."""

import runpy
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError

from news import view_counts
from news.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tallying(settings):
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 3600


def counts(*articles) -> list[int]:
    return [Article.objects.get(pk=a.pk).view_count for a in articles]


def test_views_wait_in_the_tally_until_written_together(tallying, django_assert_num_queries):
    first, second = ArticleFactory(view_count=7), ArticleFactory(view_count=0)
    with django_assert_num_queries(0):
        for _ in range(3):
            view_counts.record(first.pk)
        assert view_counts.record(second.pk) == 1
    assert view_counts.pending(first.pk) == 3 and view_counts.pending() == 4
    assert counts(first, second) == [7, 0]
    with django_assert_num_queries(1):
        assert view_counts.flush() == 4
    assert counts(first, second) == [10, 1]
    assert view_counts.flush() == 0  # nothing is written twice
    assert counts(first, second) == [10, 1]


def test_a_view_writes_the_tally_when_the_interval_has_passed(settings):
    article = ArticleFactory(view_count=0)
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 3600
    view_counts.record(article.pk)
    assert not view_counts.flush_due()
    with mock.patch("news.view_counts.time.monotonic", return_value=view_counts._last_flush + 3601):
        assert view_counts.flush_due()
        assert view_counts.record(article.pk) == 0  # this call wrote both
    assert counts(article) == [2]


@pytest.mark.parametrize(
    "error", [OperationalError("down"), InterfaceError("connection already closed")]
)
def test_a_failed_write_keeps_the_views_for_the_next_one(tallying, error):
    article = ArticleFactory(view_count=0)
    for _ in range(5):
        view_counts.record(article.pk)
    with mock.patch("django.db.models.query.QuerySet.update", side_effect=error):
        assert view_counts.flush() == 0
    assert view_counts.pending(article.pk) == 5 and counts(article) == [0]
    view_counts.record(article.pk)
    assert view_counts.flush() == 6
    assert counts(article) == [6]


def test_threads_tallying_at_once_lose_nothing(tallying):
    article = ArticleFactory(view_count=0)
    start = threading.Barrier(8)

    def viewer():
        start.wait()
        for _ in range(500):
            view_counts.record(article.pk)

    threads = [threading.Thread(target=viewer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert view_counts.flush() == 4000
    assert counts(article) == [4000]


def test_the_article_page_shows_views_still_in_the_tally(client, tallying):
    article = ArticleFactory(view_count=100)
    for _ in range(3):
        response = client.get(article.get_absolute_url())
    assert response.context["article"].view_count == 103
    assert counts(article) == [100]


def test_a_deleted_article_in_the_tally_is_harmless(tallying):
    kept, deleted = ArticleFactory(view_count=0), ArticleFactory()
    view_counts.record(kept.pk)
    view_counts.record(deleted.pk)
    deleted.delete()
    assert view_counts.flush() == 2  # counted as written; the missing row matches nothing
    assert counts(kept) == [1]


def test_gunicorn_writes_the_tally_when_a_worker_exits(tallying):
    article = ArticleFactory(view_count=0)
    view_counts.record(article.pk)
    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "config/gunicorn.conf.py"))
    config["worker_exit"](server=None, worker=None)
    assert counts(article) == [1] and view_counts.pending() == 0
