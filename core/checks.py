"""Deployment checks Django does not make itself (run by ``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from config.settings.base import DEV_SECRET_KEY


@register(Tags.security, deploy=True)
def check_secret_key_is_not_the_development_one(app_configs=None, **kwargs):
    """The development fallback key is long and varied enough to pass ``security.W009``."""
    if settings.SECRET_KEY == DEV_SECRET_KEY:
        return [
            Warning(
                "SECRET_KEY is the development fallback committed to the repository.",
                hint="Set the SECRET_KEY environment variable to 50+ random characters.",
                id="core.W001",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_page_cache_is_shared(app_configs=None, **kwargs):
    """The page cache's invalidation lives in the cache: it must be one all processes share."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PORTAL_PAGE_CACHE_SECONDS and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache is on and the default cache is local memory: a change "
                "invalidates cached pages only in the server process that made it, so the "
                "other gunicorn workers keep serving the old pages.",
                hint="Set REDIS_URL to a shared Redis, or PAGE_CACHE_SECONDS=0.",
                id="core.W002",
            )
        ]
    return []
