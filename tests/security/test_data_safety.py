"""Data safety: the view counter is exact under concurrency (PostgreSQL), and with the
database gone pages answer 503 with a friendly page, then recover by themselves."""

import threading
import time

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client

from association.forms import form_timestamp
from association.models import GuestbookMessage
from members.models import Region
from members.regions import load_regions
from news import view_counts
from news.models import Article
from tests.factories import ArticleFactory, PageFactory, ZoneFactory

THREADS = 8
VIEWS_PER_THREAD = 25


@pytest.fixture
def regions_reloaded():
    """A transactional test ends with a flush, which empties the regions the data migration
    loaded; put them back for the tests that follow."""
    yield
    load_regions(Region)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("page_cache_seconds", [0, 600], ids=["uncached", "page-cache"])
@pytest.mark.parametrize("flush_seconds", [0, 0.01], ids=["each-view", "tallied"])
def test_parallel_views_of_one_article_add_up_exactly(
    regions_reloaded, settings, page_cache_seconds, flush_seconds
):
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL)")
    settings.PORTAL_PAGE_CACHE_SECONDS = page_cache_seconds
    # 0 writes every view at once; 0.01 s makes threads tally and write concurrently.
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = flush_seconds
    article = ArticleFactory(view_count=0)
    url = article.get_absolute_url()
    statuses, start = [], threading.Barrier(THREADS)

    def reader():
        client = Client()
        start.wait()
        try:
            for _ in range(VIEWS_PER_THREAD):
                statuses.append(client.get(url).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == [200] * (THREADS * VIEWS_PER_THREAD)
    view_counts.flush()  # what the last interval tallied (the worker exit hook in production)
    assert Article.objects.get(pk=article.pk).view_count == THREADS * VIEWS_PER_THREAD


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as if the server were gone, until the fixture is undone."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    def take_down():
        monkeypatch.setattr(connection, "cursor", refuse)
        monkeypatch.setattr(connection, "ensure_connection", refuse)

    return take_down


@pytest.mark.django_db
def test_pages_answer_503_while_the_database_is_down_and_recover(database_down, monkeypatch):
    article = ArticleFactory(zone=ZoneFactory())  # lists that are not empty need the database
    PageFactory(slug="intro")
    client = Client(raise_request_exception=False)
    urls = ["/", "/news/", article.get_absolute_url(), "/zones/", "/about/intro/", "/healthz"]
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)

    database_down()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 503, url
        if url != "/healthz":
            html = response.content.decode()
            assert "网站暂时无法访问" in html and "Traceback" not in html, url
            assert response["Retry-After"] == "30"
            assert "no-store" in response["Cache-Control"]
    # A message sent meanwhile is refused the same way: the visitor is told, nothing breaks.
    started = form_timestamp(time.time() - 60)
    message = {"name": "甲", "subject": "乙", "message": "丙", "started": started}
    response = client.post("/guestbook/", message)
    assert response.status_code == 503

    monkeypatch.undo()
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)
    assert client.post("/guestbook/", message).status_code == 302
    assert GuestbookMessage.objects.filter(subject="乙").count() == 1


@pytest.mark.django_db
def test_database_errors_raised_outside_views_also_give_503(database_down, settings):
    """The page cache asks the database for the next scheduled article before any view."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    database_down()
    response = Client(raise_request_exception=False).get("/news/")
    assert response.status_code == 503
    assert "网站暂时无法访问" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="drops a PostgreSQL connection")
@pytest.mark.django_db(transaction=True)
def test_a_reader_meets_a_dropped_connection_once_then_pages_recover(rf, settings):
    """Through Django's WSGI handler, as a server runs it (the test client leaves out the
    connection handling between requests)."""
    import psycopg2
    from django.core.handlers.wsgi import WSGIHandler

    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    handler = WSGIHandler()
    ArticleFactory()  # an empty list, its count and options remembered, needs no query

    def get(path):
        statuses = []
        body = b"".join(handler(rf.get(path).environ, lambda s, h: statuses.append(s)))
        return statuses[0], body.decode()

    assert get("/news/")[0] == "200 OK"  # a persistent connection, as in production
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    admin = psycopg2.connect(**{k: v for k, v in params.items() if k != "cursor_factory"})
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])  # as a server restart does
    admin.close()
    time.sleep(0.2)
    status, html = get("/news/")
    assert status.startswith("503") and "数据服务正在恢复中" in html
    assert get("/news/")[0] == "200 OK"
