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
    """The content version lives in the cache: it must be one all processes share."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The default cache is local memory, so each server process has its own "
                "content version: a change is seen at once only by the process that made "
                "it. The other gunicorn workers keep serving their cached pages, and for up "
                "to MEMO_MAX_AGE seconds their columns, zones and related lists.",
                hint="Set REDIS_URL to a shared Redis (with a single server process, "
                "silence core.W002).",
                id="core.W002",
            )
        ]
    return []
