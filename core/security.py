"""Request-level defences: the Content-Security-Policy per page, the login rate limit, a
503 page while the database is away, and media files served only as inert images.

Everything here is small glue around maintained packages (django-csp, django-ratelimit,
django-axes); the policies themselves live in ``config/settings/base.py``.
"""

import logging
import posixpath

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import Http404, HttpResponse
from django.template import loader
from django.urls import reverse
from django.views.static import serve
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# What the media folder may serve: the raster formats core.images accepts, nothing else.
MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with one exception: pages that show CKEditor 5 (the admin, ``/submit/``).

    CKEditor 5's bundle injects its stylesheet as ``<style>`` elements and sets ``style``
    attributes while editing, so those pages (and only those) allow inline *styles* and
    ``blob:`` image previews. Scripts stay ``'self'`` everywhere.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.PORTAL_CSP_EDITOR_PREFIXES):
            parts.update = {
                **(parts.update or {}),
                "style-src": [UNSAFE_INLINE],
                "img-src": ["blob:"],
            }
        return parts


def _login_paths() -> tuple[str, ...]:
    return (reverse("login"), reverse("admin:login"))


class LoginRateLimitMiddleware:
    """Per-address limit on login POSTs, on the public and the admin login alike.

    django-axes locks a user name after repeated *failures* from one address; this limit
    also stops one address from trying many user names (credential stuffing).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info in _login_paths():
            limited = is_ratelimited(
                request,
                group="login-ip",
                key="ip",
                rate=settings.PORTAL_LOGIN_RATE,
                method="POST",
                increment=True,
            )
            if limited:
                from core.views import rate_limited

                return rate_limited(request)
        return self.get_response(request)


def database_unavailable_response() -> HttpResponse:
    """A friendly 503 rendered from a standalone template: no database, no context processors."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into a 503 page instead of a 500 with a traceback.

    Django closes a connection that raised at the end of the request, and the next request
    opens a new one, so pages recover by themselves once the database answers again.
    Errors raised outside views reach ``core.views.server_error``, which answers the same
    way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("database unavailable: %s", exception, exc_info=exception)
            return database_unavailable_response()
        return None


class ConnectionCheckForWritesMiddleware:
    """Check a reused database connection before requests that write, not before reads.

    With ``CONN_HEALTH_CHECKS`` Django pings the database (``SELECT 1``) at the start of
    every request that uses it, so that a connection the server dropped (a restart) is
    replaced without failing the request. On an uncached article page that round trip cost
    about a tenth of the page. A read (GET, HEAD, OPTIONS) skips it: should the connection
    be dead, that reader gets the 503 page once (``DatabaseUnavailableMiddleware``) and
    Django replaces the connection when the request ends. A write keeps the check, so a
    form someone filled in never meets a dead connection.
    """

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.SAFE_METHODS:
            for connection in connections.all(initialized_only=True):
                connection.health_check_done = True  # Django's own flag: checked already
        return self.get_response(request)


def serve_media(request, path: str):
    """Development/``SERVE_MEDIA`` stand-in for the web server's media location.

    Only the raster image types uploads are re-encoded to are served; anything else (an
    ``.html`` or ``.svg`` someone managed to put there) is a 404. Each answer carries
    ``nosniff`` and a sandboxing CSP, so even a mislabelled file cannot run as a page.
    """
    extension = posixpath.splitext(path)[1].lower()
    if extension not in MEDIA_TYPES:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = MEDIA_TYPES[extension]
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
