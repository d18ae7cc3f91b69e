"""Anonymous whole-page caching: hits, exact invalidation, and what is never cached."""

import datetime as dt
import socket

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone

from core.cache import (
    AnonymousPageCacheMiddleware,
    PageCacheApplication,
    _cache_key,
    bump_content_version,
    content_version,
    near_cache,
)
from news import view_counts
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, ZoneFactory

pytestmark = pytest.mark.django_db


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.3):
            return True
    except OSError:
        return False


@pytest.fixture(params=["locmem", "redis", "redis+near"])
def page_cache(request, settings):
    """The page cache switched on: over local memory, over Redis, and over Redis with the
    per-process near cache in front (production's setup)."""
    settings.PORTAL_PAGE_CACHE_NEAR_ENTRIES = 256 if request.param == "redis+near" else 0
    if request.param.startswith("redis"):
        if not redis_available():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache_backends.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/15",
                "KEY_PREFIX": "portal-test",
            }
        }
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    cache.clear()
    near_cache.clear()
    yield request.param
    cache.clear()
    near_cache.clear()


@pytest.fixture
def column():
    return CategoryFactory(name="园区快讯", slug="park-express")


def get(client, url):
    response = client.get(url)
    return response, response.content.decode(), response.get("X-Page-Cache")


def test_second_anonymous_request_is_a_hit_without_queries(
    client, page_cache, column, django_assert_num_queries
):
    ArticleFactory(category=column, title="缓存测试文章")
    first, html, state = get(client, "/")
    assert state == "miss" and "缓存测试文章" in html
    with django_assert_num_queries(0):
        second, html2, state2 = get(client, "/")
    assert state2 == "hit" and html2 == html
    assert second["Content-Type"].startswith("text/html")


def test_publishing_shows_at_once_everywhere(client, page_cache, column):
    zone = ZoneFactory()
    draft = ArticleFactory(
        category=column, zone=zone, title="刚刚发布的文章", status=Article.Status.DRAFT
    )
    pages = ["/", "/news/", f"/news/?category={column.slug}", zone.get_absolute_url()]
    for url in pages:
        assert "刚刚发布的文章" not in get(client, url)[1]
        assert get(client, url)[2] == "hit"
    draft.status = Article.Status.PUBLISHED
    draft.save()
    for url in pages:
        response, html, state = get(client, url)
        assert state == "miss" and "刚刚发布的文章" in html, url


def test_editing_and_unpublishing_show_at_once(client, page_cache, column):
    article = ArticleFactory(category=column, title="原来的标题")
    url = article.get_absolute_url()
    assert "原来的标题" in get(client, url)[1]
    article.title = "修改后的标题"
    article.save()
    assert "修改后的标题" in get(client, url)[1]
    assert "修改后的标题" in get(client, "/news/")[1]
    article.status = Article.Status.ARCHIVED
    article.save()
    assert client.get(url).status_code == 404
    assert "修改后的标题" not in get(client, "/news/")[1]


def test_views_keep_counting_on_cache_hits(client, page_cache, column, settings):
    article = ArticleFactory(category=column)
    for _ in range(5):
        client.get(article.get_absolute_url())
    article.refresh_from_db()
    assert article.view_count == 5
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_scheduled_article_appears_when_its_time_comes(client, page_cache, column, monkeypatch):
    now = timezone.now()
    ArticleFactory(
        category=column, title="定时发布的文章", published_at=now + dt.timedelta(hours=1)
    )
    assert "定时发布的文章" not in get(client, "/news/")[1]
    assert get(client, "/news/")[2] == "hit"
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=1, seconds=1))
    response, html, state = get(client, "/news/")
    assert state == "miss" and "定时发布的文章" in html


def test_logged_in_users_are_never_served_or_stored(client, page_cache, column):
    ArticleFactory(category=column)
    get(client, "/")
    assert get(client, "/")[2] == "hit"
    client.force_login(UserFactory())
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "退出" in response.content.decode()  # rendered for this user, not replayed
    client.logout()
    assert "退出" not in get(client, "/")[1]


def test_pages_with_a_csrf_token_or_cookie_are_not_stored(page_cache, rf: RequestFactory):
    def form_view(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    def cookie_view(request):
        response = HttpResponse("ok")
        response.set_cookie("tracking", "1")
        return response

    for view in (form_view, cookie_view):
        middleware = AnonymousPageCacheMiddleware(view)
        for _ in range(2):
            response = middleware(rf.get("/guestbook/"))
            assert "X-Page-Cache" not in response
        assert cache.get(_cache_key(rf.get("/guestbook/"), content_version())) is None


def test_excluded_paths_and_errors_are_not_cached(client, page_cache):
    assert "X-Page-Cache" not in client.get("/healthz")
    client.get("/news/999999/")
    assert client.get("/news/999999/").get("X-Page-Cache") is None


def test_version_bumps_are_monotonic(page_cache):
    before = content_version()
    assert bump_content_version() == before + 1
    assert content_version() == before + 1


def test_cached_views_are_tallied_and_written_together(
    client, page_cache, column, settings, django_assert_num_queries
):
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 3600
    article = ArticleFactory(category=column)
    client.get(article.get_absolute_url())  # the miss: the view tallies itself
    with django_assert_num_queries(0):
        for _ in range(9):
            assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    article.refresh_from_db()
    assert article.view_count == 0 and view_counts.pending(article.pk) == 10
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 0
    with django_assert_num_queries(1):
        client.get(article.get_absolute_url())  # due now: this hit writes the tally
    article.refresh_from_db()
    assert article.view_count == 11 and view_counts.pending() == 0


def test_cached_pages_are_served_while_the_database_is_down(client, page_cache, column):
    from unittest import mock

    from django.db import OperationalError

    article = ArticleFactory(category=column, title="数据库停机时仍可阅读")
    client.get(article.get_absolute_url())
    cache.delete("page-cache:next-publish")  # force the schedule lookup on the next hit
    with (
        mock.patch("core.cache._next_scheduled_publish", side_effect=OperationalError("down")),
        mock.patch("django.db.models.query.QuerySet.update", side_effect=OperationalError("down")),
    ):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert "数据库停机时仍可阅读" in response.content.decode()


def test_a_hit_carries_the_same_headers_as_the_miss(client, page_cache, column):
    ArticleFactory(category=column)
    miss = client.get("/news/")
    hit = client.get("/news/")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    skipped = {"date", "x-page-cache", "content-length", "vary", "expires", "set-cookie"}
    expected = {k.lower(): v for k, v in miss.items() if k.lower() not in skipped}
    replayed = {k.lower(): v for k, v in hit.items() if k.lower() not in skipped}
    assert replayed == expected
    assert "x-content-type-options" in replayed and "referrer-policy" in replayed


# The WSGI front door (config.wsgi): hits answered before Django builds a request.


class NotCalled:
    """Stands in for Django behind the front door; records whether it was asked."""

    def __init__(self):
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"from django"]


def front_door(environ):
    django_app = NotCalled()
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(PageCacheApplication(django_app)(environ, start_response))
    return django_app.calls, answer, body


def test_the_front_door_answers_a_hit_without_django(client, page_cache, column, rf, settings):
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 3600
    article = ArticleFactory(category=column, title="门前直接返回的页面")
    url = article.get_absolute_url()
    miss = client.get(url)
    calls, answer, body = front_door(rf.get(url).environ)
    assert calls == 0 and answer["status"] == "200 OK"
    assert body == miss.content and "门前直接返回的页面" in body.decode()
    assert answer["headers"]["X-Page-Cache"] == "hit"
    assert answer["headers"]["Content-Length"] == str(len(body))
    assert answer["headers"]["Content-Security-Policy"] == miss["Content-Security-Policy"]
    assert view_counts.pending(article.pk) == 2  # the miss and the hit both count
    calls, answer, body = front_door(rf.head(url).environ)
    assert (
        calls == 0 and body == b"" and answer["headers"]["Content-Length"] == str(len(miss.content))
    )


def test_the_front_door_passes_everything_else_to_django(client, page_cache, column, rf):
    article = ArticleFactory(category=column)
    url = article.get_absolute_url()
    client.get(url)
    passed = [
        rf.get("/news/"),  # not cached yet
        rf.post(url),
        rf.get(url, HTTP_COOKIE="sessionid=abc"),
        rf.get(url, HTTP_COOKIE="messages=abc"),
        rf.get(url, HTTP_HOST="evil.example"),  # outside ALLOWED_HOSTS: Django answers 400
        rf.get(url, HTTP_HOST="bad host\x00"),
        rf.get("/healthz"),
    ]
    for request in passed:
        calls, answer, body = front_door(request.environ)
        assert (calls, body) == (1, b"from django"), request.environ.get("HTTP_HOST")


def test_the_front_door_hands_django_the_environ_untouched(page_cache, rf):
    seen = {}

    def django_app(environ, start_response):
        seen.update(environ)
        start_response("404 Not Found", [])
        return [b""]

    # As a server passes it: the path's UTF-8 bytes as a latin-1 string (PEP 3333).
    raw_path = "/zones/中文/".encode().decode("iso-8859-1")
    environ = {**rf.get("/").environ, "PATH_INFO": raw_path}
    original = dict(environ)
    PageCacheApplication(django_app)(environ, lambda status, headers: None)
    assert seen["PATH_INFO"] == original["PATH_INFO"]  # still the raw bytes, not decoded


def test_the_front_door_leaves_a_due_tally_write_to_django(
    client, page_cache, column, rf, settings
):
    article = ArticleFactory(category=column)
    url = article.get_absolute_url()
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 3600
    client.get(url)  # stored; its view waits in the tally
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 0
    calls, answer, body = front_door(rf.get(url).environ)
    assert calls == 1  # Django serves it (from the cache) and writes inside its request cycle


def test_the_deployed_application_has_the_front_door():
    from config import wsgi

    assert isinstance(wsgi.application, PageCacheApplication)


def test_the_near_cache_answers_from_memory_and_never_outlives_a_change(client, page_cache, column):
    if page_cache != "redis+near":
        pytest.skip("the near cache sits in front of a shared cache")
    article = ArticleFactory(category=column, title="近端缓存里的页面")
    url = article.get_absolute_url()
    assert get(client, url)[2] == "miss"
    key = next(k for k in near_cache._pages if k.endswith(url))
    cache.delete(key)  # gone from Redis: the process's own copy still answers
    response, html, state = get(client, url)
    assert state == "hit" and "近端缓存里的页面" in html
    article.title = "改过标题的页面"
    article.save()  # the content version in Redis moves on; the old copy never matches again
    response, html, state = get(client, url)
    assert state == "miss" and "改过标题的页面" in html


def test_the_near_cache_holds_a_bounded_number_of_pages(settings):
    settings.PORTAL_PAGE_CACHE_NEAR_ENTRIES = 3
    for n in range(5):
        near_cache.set(f"page-{n}", n, 600)
    assert [near_cache.get(f"page-{n}") for n in range(5)] == [None, None, 2, 3, 4]
    near_cache.set("short", "x", 0)
    assert near_cache.get("short") is None  # expired
    near_cache.clear()


def test_a_page_stored_between_save_and_commit_is_dropped_at_commit(
    client, page_cache, column, rf, django_capture_on_commit_callbacks
):
    from core.cache import _set_page

    article = ArticleFactory(category=column, title="旧标题")
    url = article.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "新标题"
        article.save()
        # A visitor between the save and the commit still reads the old row, and stores
        # the old page under the version the save has just made.
        stale_key = _cache_key(rf.get(url), content_version())
        _set_page(stale_key, (200, [("Content-Type", "text/html")], "旧标题".encode()), 600)
        assert get(client, url)[1] == "旧标题"  # the race, before the commit
    response, html, state = get(client, url)
    assert state == "miss" and "新标题" in html and "旧标题" not in html


def test_a_cache_that_lost_its_version_never_serves_older_pages(client, page_cache, column):
    article = ArticleFactory(category=column, title="第一版")
    url = article.get_absolute_url()
    assert "第一版" in get(client, url)[1]
    article.title = "第二版"
    article.save()
    assert "第二版" in get(client, url)[1]
    used = content_version()
    cache.clear()  # Redis restarted: the version is gone, the near caches keep their pages
    assert content_version() > used  # no page stored under an earlier number can match
    response, html, state = get(client, url)
    assert state == "miss" and "第二版" in html


def test_a_due_view_tally_is_written_by_any_page(client, settings):
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 3600
    article = ArticleFactory(view_count=0)
    view_counts.record(article.pk)
    settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS = 0
    client.get("/zones/")
    article.refresh_from_db()
    assert article.view_count == 1 and view_counts.pending() == 0


def test_a_new_release_never_gets_the_old_releases_pages(client, page_cache, column, settings):
    article = ArticleFactory(category=column)
    url = article.get_absolute_url()
    settings.PORTAL_RELEASE = "old-release"
    get(client, url)
    assert get(client, url)[2] == "hit"
    version = content_version()
    settings.PORTAL_RELEASE = "new-release"  # deployed: same cache, new code
    assert get(client, url)[2] == "miss"
    assert content_version() == version  # edits still invalidate both releases at once


@pytest.mark.parametrize(
    "extra",
    [
        {"PATH_INFO": "/zones/中文/".encode().decode("iso-8859-1")},
        {"PATH_INFO": "/news/", "QUERY_STRING": "q=%E6%8B%9B%E5%95%86&page=2"},
        {"PATH_INFO": "/news/", "QUERY_STRING": "q=招商".encode().decode("iso-8859-1")},
        {"PATH_INFO": "/news/1/", "HTTP_X_FORWARDED_PROTO": "https"},
        {"PATH_INFO": "/news/1/", "SCRIPT_NAME": "/portal", "HTTP_HOST": "localhost:8000"},
        {"PATH_INFO": "/a%2Fb/", "HTTP_HOST": "127.0.0.1"},
    ],
)
def test_a_hit_is_looked_up_under_the_address_django_stores_it_under(rf, extra):
    """The front door works out a request's address from the environ (and remembers it);
    it must be exactly what Django's request gives the middleware when it stores."""
    from django.core.handlers.wsgi import WSGIRequest

    from core.cache import ADDRESS_INPUTS, _address

    environ = {**rf.get("/").environ, **extra}
    request = WSGIRequest(dict(environ))
    expected = (request.build_absolute_uri(), request.path)
    inputs = tuple(environ.get(name) for name in ADDRESS_INPUTS)
    assert _address(inputs) == expected
    assert _address(inputs) == expected  # remembered


def test_long_addresses_are_not_remembered(rf):
    from core.cache import ADDRESS_INPUTS, _address, _remembered_address

    environ = {**rf.get("/news/").environ, "QUERY_STRING": "q=" + "招" * 2000}
    before = _remembered_address.cache_info().currsize
    _address(tuple(environ.get(name) for name in ADDRESS_INPUTS))
    assert _remembered_address.cache_info().currsize == before


def test_a_change_made_in_another_process_shows_at_once(client, page_cache, column):
    """With Redis each process keeps the content version and hears of changes from Redis
    (core.cache_backends.ChangeListener); a bump by another process must reach it before
    the next request."""
    if not page_cache.startswith("redis"):
        pytest.skip("in local memory, other processes have caches of their own")
    import redis

    other_process = redis.Redis.from_url("redis://127.0.0.1:6379/15")
    article = ArticleFactory(category=column, title="另一进程之前")
    url = article.get_absolute_url()
    for _ in range(20):
        assert get(client, url)[2] == "miss"
        assert get(client, url)[2] == "hit"
        other_process.incr(cache.make_key("page-cache:version"))  # not through this process
    other_process.close()
