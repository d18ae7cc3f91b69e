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
