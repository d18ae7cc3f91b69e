"""Test settings: PostgreSQL when DATABASE_URL is set or a local server answers, else SQLite."""

import os
import socket
import tempfile

from .base import *  # noqa: F403


def _local_postgres_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


if os.environ.get("DATABASE_URL"):
    pass  # base settings already read it
elif _local_postgres_answers() and os.environ.get("PORTAL_TEST_SQLITE") != "1":
    DATABASES = {  # noqa: F405
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "portal",
            "USER": os.environ.get("PGUSER", "postgres"),
            "HOST": "127.0.0.1",
            "PORT": "5432",
            # Persistent and checked, as with DATABASE_URL (CI) and in production.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
else:
    DATABASES = {  # noqa: F405
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    }

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Views are measured uncached; tests/core/test_page_cache.py turns the page cache on.
PORTAL_PAGE_CACHE_SECONDS = 0
# Every view written at once, so tests read exact counts; tests/news/test_view_counts.py
# covers the tally with an interval.
PORTAL_VIEW_COUNT_FLUSH_SECONDS = 0
AXES_VERBOSE = False  # one log line per login in every test is noise
