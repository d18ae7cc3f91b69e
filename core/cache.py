"""Whole-page caching for anonymous visitors, with exact invalidation.

Every cached page is stored under the current *content version*. Saving or deleting
anything a public page can show bumps the version (signals on the models listed in
``PORTAL_PAGE_CACHE_MODELS``), so the next request renders afresh; scheduled articles
bump it when their time comes, because the version also expires at the next publish
time. Pages for logged-in users, pages carrying a CSRF token, and anything that sets a
cookie are never stored. A cache hit on an article page still counts the view
(``news.view_counts``). ``PageCacheApplication`` serves hits in front of Django.
"""

import functools
import io
import re
import threading
import time
from collections import OrderedDict
from http import HTTPStatus

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import parse_cookie
from django.utils import timezone
from django.utils.cache import get_max_age
from django.utils.http import http_date

from news import view_counts

VERSION_KEY = "page-cache:version"
NEXT_PUBLISH_KEY = "page-cache:next-publish"
NO_SCHEDULE = 0.0  # stored when no article is scheduled
ARTICLE_PATH = re.compile(r"^/news/(\d+)/$")
# Headers a replayed page must not repeat: per-response values and cookies.
SKIPPED_HEADERS = {"date", "set-cookie", "content-length", "x-page-cache", "expires", "vary"}


VERSION_KEYS = (VERSION_KEY, NEXT_PUBLISH_KEY)


def content_version() -> int:
    """The current content version; bumps itself when a scheduled article goes live.

    Every request reads it. With Redis the two keys are tracked
    (``core.cache_backends.RedisCache.get_tracked``): Redis reports each change to every
    process, and until one comes the process answers without a round trip."""
    get_tracked = getattr(cache, "get_tracked", None)
    values = get_tracked(VERSION_KEYS) if get_tracked else cache.get_many(VERSION_KEYS)
    version = values.get(VERSION_KEY)
    if version is None:
        version = _unused_version()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)  # another process was first
    next_publish = values.get(NEXT_PUBLISH_KEY)
    if next_publish is None:
        try:
            next_publish = _next_scheduled_publish()
        except DatabaseError:
            return version  # database down: keep serving what is cached; ask again later
        cache.set(NEXT_PUBLISH_KEY, next_publish, None)
    if next_publish and timezone.now().timestamp() >= next_publish:
        version = bump_content_version()
    return version


def memo_expired(started: float) -> bool:
    """Whether what a process kept since ``started`` (``time.monotonic()``) is older than
    ``PORTAL_MEMO_MAX_AGE`` allows."""
    max_age = settings.PORTAL_MEMO_MAX_AGE
    return bool(max_age) and time.monotonic() - started > max_age


class VersionMemo:
    """Values read from the database, kept in this process for one content version.

    For what many pages share and only an edit changes (the columns and zones, a column's
    newest articles): each process reads it once per version instead of once per page, and
    a hit costs a dictionary lookup, with no cache round trip or unpickling. Any change to
    a model shown on public pages makes a new version, which starts an empty memo; so does
    ``PORTAL_MEMO_MAX_AGE`` (for caches in local memory, where other processes' changes
    do not reach this process's version).
    """

    def __init__(self, max_entries: int = 1024):
        self.max_entries = max_entries
        self._version = None
        self._started = 0.0
        self._values: dict = {}
        self._lock = threading.Lock()

    def get(self, key, compute):
        """The value for ``key`` in the current version; ``compute()`` makes it if need be."""
        return self.get_versioned(key, compute)[1]

    def get_versioned(self, key, compute) -> tuple:
        """``(version, value)``: ``get`` and the content version the value belongs to (a
        key for what is built from the value, such as rendered HTML)."""
        version = content_version()
        with self._lock:
            if version != self._version or memo_expired(self._started):
                self._version, self._values = version, {}
                self._started = time.monotonic()
            values = self._values  # a version change meanwhile gets a dictionary of its own
        try:
            return version, values[key]
        except KeyError:
            pass
        # Read after the version: a value may be newer than its version, never older (a
        # change bumps the version again when it commits).
        value = compute()
        if len(values) < self.max_entries:
            values[key] = value
        return version, value


def content_changed(sender=None, using=None, **kwargs) -> None:
    """Signal receiver: invalidate now, and again when the transaction commits.

    The second bump closes a race: a visitor whose request falls between the save and the
    commit still reads the old rows, and would store the old page under the new version.
    """
    bump_content_version()
    transaction.on_commit(bump_content_version, using=using)


def bump_content_version() -> int:
    """Invalidate every cached page."""
    cache.delete(NEXT_PUBLISH_KEY)
    try:
        return cache.incr(VERSION_KEY)
    except ValueError:
        version = _unused_version()
        cache.set(VERSION_KEY, version, None)
        return version


def _unused_version() -> int:
    """A version number no earlier version used, for when the cache has none (first use,
    a Redis restart, an eviction): counting again from 1 would match pages of the old
    numbers still held in the processes' near caches."""
    return time.time_ns()


def _next_scheduled_publish() -> float:
    """Timestamp of the earliest published-but-future article, or ``NO_SCHEDULE``."""
    Article = apps.get_model("news", "Article")
    when = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return when.timestamp() if when else NO_SCHEDULE


def connect_invalidation_signals() -> None:
    """Bump the content version whenever a model shown on public pages changes."""
    for label in settings.PORTAL_PAGE_CACHE_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-del-{label}")


def _is_anonymous_request(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and not request.path.startswith(settings.PORTAL_PAGE_CACHE_EXCLUDE)
    )


def _cache_key(request, version: int) -> str:
    return _versioned_key(request.build_absolute_uri(), version)


def _versioned_key(address: str, version: int) -> str:
    # Scheme and host are part of the key: pages carry absolute URLs (canonical, og:url,
    # share QR codes), which must match the address the visitor used.
    return f"page-cache:{settings.PORTAL_RELEASE}:{version}:{address}"


class _NearCache:
    """The most recently used pages, kept in this process in front of a shared cache.

    A hit then costs one small shared-cache read (the content version, which every request
    reads anyway) instead of two, and no transfer or unpickling of the page. Exactness is
    untouched: the key holds the content version read from the shared cache, so a page of
    an older version is never matched again; it ages out of the LRU. Entries also keep
    their expiry time, so a page lives no longer than it would in the shared cache.
    """

    def __init__(self):
        self._pages: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            expires, page = entry
            if time.monotonic() >= expires:
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return page

    def set(self, key, page, timeout: int) -> None:
        size = settings.PORTAL_PAGE_CACHE_NEAR_ENTRIES
        if size <= 0:
            return
        with self._lock:
            self._pages[key] = (time.monotonic() + timeout, page)
            self._pages.move_to_end(key)
            while len(self._pages) > size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


near_cache = _NearCache()


def _get_page(key: str):
    page = near_cache.get(key)
    if page is None:
        page = cache.get(key)
        if page is not None and settings.PORTAL_PAGE_CACHE_NEAR_ENTRIES > 0:
            # Its remaining life in the shared cache is unknown; a short one is safe.
            near_cache.set(key, page, min(60, settings.PORTAL_PAGE_CACHE_SECONDS))
    return page


def _set_page(key: str, page, timeout: int) -> None:
    cache.set(key, page, timeout)
    near_cache.set(key, page, timeout)


def _seconds_until_next_publish() -> int | None:
    next_publish = cache.get(NEXT_PUBLISH_KEY)
    if not next_publish:
        return None
    return max(1, int(next_publish - timezone.now().timestamp()))


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for anonymous GET requests (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._respond(request)
        if view_counts.flush_due():
            # Here, inside Django's request cycle, whatever the page: the front door sends
            # every request to Django while a write is due.
            view_counts.flush()
        return response

    def _respond(self, request):
        timeout = settings.PORTAL_PAGE_CACHE_SECONDS
        if not timeout or not _is_anonymous_request(request):
            return self.get_response(request)
        key = _cache_key(request, content_version())
        cached = _get_page(key)
        if cached is not None:
            return self._replay(request, cached)
        response = self.get_response(request)
        if self._storable(request, response):
            until_publish = _seconds_until_next_publish()
            if until_publish is not None:
                timeout = min(timeout, until_publish)
            # Sitting first in MIDDLEWARE, this sees the finished response: the security
            # headers of the outer middlewares are stored and replayed with the page.
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in SKIPPED_HEADERS
            ]
            _set_page(key, (response.status_code, headers, response.content), timeout)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page embeds a CSRF token
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        max_age = get_max_age(response)
        cache_control = response.get("Cache-Control", "")
        return not (max_age == 0 or "private" in cache_control or "no-store" in cache_control)

    @staticmethod
    def _replay(request, cached):
        from django.http import HttpResponse

        status, headers, content = cached
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        response["Date"] = http_date()
        count_cached_view(request.path)
        return response


def count_cached_view(path: str, *, write: bool = True) -> None:
    """Count the view of an article page served from the cache (its view did not run)."""
    match = ARTICLE_PATH.match(path)
    if match:
        view_counts.record(int(match.group(1)), write=write)


class PageCacheApplication:
    """The WSGI front door: answer anonymous cache hits before Django builds its request.

    ``config.wsgi`` wraps Django's application in this. A hit costs a cookie check, the
    request's address (worked out by Django once per address, then remembered), a read of
    the content version, a page lookup (in the near cache first) and a tally increment; no
    middleware, URL resolving or signals run. Every
    miss, every request the middleware would not serve from the cache, and any request
    this cannot judge (a host outside ``ALLOWED_HOSTS``, a malformed environ) goes to
    Django unchanged, and the middleware stores what Django renders. When the view
    tally is due to be written, the hit goes through Django too, so the write happens
    inside Django's request cycle (connection checks and all).
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            cached = self._lookup(environ)
        except Exception:  # noqa: BLE001 - whatever it is, Django handles it properly
            cached = None
        if cached is None:
            return self.application(environ, start_response)
        status, headers, content = cached
        headers = [
            *headers,
            ("Content-Length", str(len(content))),
            ("Date", http_date()),
            ("X-Page-Cache", "hit"),
        ]
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]

    @staticmethod
    def _lookup(environ):
        if not settings.PORTAL_PAGE_CACHE_SECONDS or environ.get("REQUEST_METHOD") not in (
            "GET",
            "HEAD",
        ):
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return None
        address, path = _address(tuple(environ.get(name) for name in ADDRESS_INPUTS))
        if path.startswith(settings.PORTAL_PAGE_CACHE_EXCLUDE):
            return None
        cached = _get_page(_versioned_key(address, content_version()))
        if cached is None or view_counts.flush_due():
            return None
        count_cached_view(path, write=False)
        return cached


# Everything in the environ that Django reads to work out a request's absolute URI and path
# (scheme, host, port, script name, path, query string), the proxy headers included.
ADDRESS_INPUTS = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "PATH_INFO",
    "QUERY_STRING",
)


def _address(inputs: tuple) -> tuple[str, str]:
    """``(absolute URI, path)`` of a request with these ``ADDRESS_INPUTS`` values, as
    Django's request object gives them (so that a hit's key is exactly the one the
    middleware stored the page under); remembered, because building the request object on
    every hit cost a third of the hit. Raises for a host outside ``ALLOWED_HOSTS``."""
    if sum(len(value) for value in inputs if isinstance(value, str)) > 1024:
        return _django_address(inputs)  # a long query string: not worth a memo slot
    return _remembered_address(inputs)


def _django_address(inputs: tuple) -> tuple[str, str]:
    pairs = zip(ADDRESS_INPUTS, inputs, strict=True)
    environ = {name: value for name, value in pairs if value is not None}
    environ.update({"REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO()})
    request = WSGIRequest(environ)
    return request.build_absolute_uri(), request.path


_remembered_address = functools.lru_cache(maxsize=4096)(_django_address)
