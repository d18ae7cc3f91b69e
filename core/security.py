"""Request-level defences: the Content-Security-Policy per page, the login rate limit, a
503 page while the database is away, and media files served only as inert images.

Everything here is small glue around maintained packages (django-csp, django-ratelimit,
django-axes); the policies themselves live in ``config/settings/base.py``.
"""

import logging
import posixpath

from csp.constants import HEADER, HEADER_REPORT_ONLY, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError, connections
from django.dispatch import receiver
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


# What django-csp's decorators set on a response to give it a policy of its own.
PER_RESPONSE_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
# The policy headers django-csp wrote for a response of the site-wide policy, per kind of
# page (editor or not) and path exclusions: {key: {header: value}}.
_site_policy_headers: dict[tuple, dict[str, str]] = {}


@receiver(setting_changed)
def _forget_policy_headers(setting, **kwargs):
    if setting.startswith(("CONTENT_SECURITY_POLICY", "PORTAL_CSP_")):
        _site_policy_headers.clear()


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with one exception: pages that show CKEditor 5 (the admin, ``/submit/``).

    CKEditor 5's bundle injects its stylesheet as ``<style>`` elements and sets ``style``
    attributes while editing, so those pages (and only those) allow inline *styles* and
    ``blob:`` image previews. Scripts stay ``'self'`` everywhere.

    The site-wide policy is the same text on every response, so its headers are built once
    per kind of page and copied after that (django-csp copies the settings' directives
    and joins them on every response). A response with a policy of its own (a django-csp
    decorator) or a request that asked for a nonce goes through django-csp as usual.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and self._is_editor_page(request):
            parts.update = {
                **(parts.update or {}),
                "style-src": [UNSAFE_INLINE],
                "img-src": ["blob:"],
            }
        return parts

    @staticmethod
    def _is_editor_page(request) -> bool:
        return request.path_info.startswith(settings.PORTAL_CSP_EDITOR_PREFIXES)

    def process_response(self, request, response):
        if (
            settings.DEBUG  # django-csp leaves debug error pages alone
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in PER_RESPONSE_POLICY)
        ):
            return super().process_response(request, response)
        key = (self._is_editor_page(request), *self._excluded(request.path_info))
        headers = _site_policy_headers.get(key)
        if headers is None:
            # django-csp's own answer for a plain response to this request.
            probe = super().process_response(request, HttpResponse())
            headers = _site_policy_headers[key] = {
                name: probe[name] for name in (HEADER, HEADER_REPORT_ONLY) if name in probe
            }
        for name, value in headers.items():
            exempt = "_csp_exempt" if name == HEADER else "_csp_exempt_ro"
            if name not in response and not getattr(response, exempt, False):
                response[name] = value
        # As django-csp does: a nonce asked for from now on is an error, not a new policy.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _excluded(path: str) -> tuple[bool, bool]:
        """Whether ``path`` is left out of the policy and of the report-only policy."""
        return tuple(
            path.startswith(
                tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            )
            for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
        )


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
