"""WSGI entry point for the association portal."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

django_application = get_wsgi_application()

from core.cache import PageCacheApplication  # noqa: E402 - needs the settings configured

# Anonymous page-cache hits are answered here, before Django builds a request.
application = PageCacheApplication(django_application)
