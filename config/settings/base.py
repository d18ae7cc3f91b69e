"""Settings for the association portal, read from the environment.

Every value has a safe default for a developer's machine: SQLite in ``var/``, DEBUG off
unless asked for, local-memory cache. Production sets ``SECRET_KEY``, ``DATABASE_URL``,
``ALLOWED_HOSTS``, ``HTTPS=1``, ``REDIS_URL`` (the page cache must be shared by all server
processes) and the SMTP variables; with those, ``manage.py check --deploy`` is clean (README,
"Security").
"""

import datetime as dt
import hashlib
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the default SQLite file and media live here


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable ('1', 'true', 'yes', 'on' are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", env_bool("DJANGO_DEBUG", False))
# The fallback key is only for local development; production must set SECRET_KEY
# (core.checks warns under ``check --deploy`` while the fallback is in use).
DEV_SECRET_KEY = "dev-insecure-key-change-me-in-production-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "django_ckeditor_5",
    "django_ratelimit",
    "csp",
    "axes",
    "imagekit",
    "core",
    "members",
    "news",
    "association",
]

MIDDLEWARE = [
    # First: a cache hit is answered before any other middleware runs; the stored page
    # carries the headers the middlewares below gave it (CSP, HSTS, Permissions-Policy …).
    "core.cache.AnonymousPageCacheMiddleware",
    "core.security.ConnectionCheckForWritesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.locale.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.security.LoginRateLimitMiddleware",
    "core.security.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# The site's pages are Jinja2 templates (templates/, core/jinja2.py); the admin and the
# third-party apps keep their Django templates (news/templates/ overrides the review page).
TEMPLATES = [
    {
        "BACKEND": "core.jinja2.PortalJinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "core.jinja2.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "association.context_processors.site",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Widgets render with Django's Jinja2 widget templates where they exist (core/forms.py).
FORM_RENDERER = "core.forms.PortalFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # Before requests that write (core.security.ConnectionCheckForWritesMiddleware).
        conn_health_checks=os.environ.get("DB_CONN_HEALTH_CHECKS", "1") == "1",
    )
}
# The article page's statement is prepared once per connection (core.prepared); 0 runs it
# unprepared, as PgBouncer in transaction mode needs.
PORTAL_DB_PREPARED_STATEMENTS = os.environ.get("DB_PREPARED_STATEMENTS", "1") == "1"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # Each process keeps the content version and hears of its changes from Redis
            # (core.cache_backends): 0 reads it from Redis on every request instead.
            "TRACK_CHANGES": os.environ.get("CACHE_TRACK_CHANGES", "1") == "1",
        }
    }
    # django-ratelimit lists only third-party Redis backends as supported; Django's own
    # RedisCache has the atomic add/incr it needs.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Without Redis, rate limits count per process: right for one development server,
    # too generous behind several workers. Production sets REDIS_URL.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_VIEW = "core.views.rate_limited"

# Chinese search (news.search): jieba writes its prefix-dictionary cache here once, and every
# process after that loads it in a fraction of a second. Must be writable by the app user.
PORTAL_SEARCH_CACHE_DIR = Path(os.environ.get("PORTAL_SEARCH_CACHE_DIR", VAR_DIR / "jieba"))


def _release() -> str:
    """Names this version of the code. Cached pages and fragments are kept per release, so
    that after a deploy no visitor gets the previous release's markup or asset URLs (the
    content version, which edits bump, stays shared by all releases). ``RELEASE`` from the
    environment (a commit id, say), else a hash of the templates, static files and code."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"]
    digest = hashlib.sha1(usedforsecurity=False)
    for folder in ("templates", "static", "config", "core", "news", "members", "association"):
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if path.suffix in {".html", ".txt", ".py", ".css", ".js", ".svg"} and path.is_file():
                digest.update(path.relative_to(BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


PORTAL_RELEASE = _release()

# Whole-page cache for anonymous visitors (core.cache); 0 turns it off.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# With a shared cache (Redis), each process also keeps this many recent pages in memory;
# a hit then reads only the content version from Redis (core.cache._NearCache).
PORTAL_PAGE_CACHE_NEAR_ENTRIES = int(
    os.environ.get("PAGE_CACHE_NEAR_ENTRIES", "256" if REDIS_URL else "0")
)
# What each process keeps per content version (columns, zones, related lists, rendered
# fragments) is also dropped after this many seconds (0 = only when the version changes).
# With Redis the version is exact; in local memory each process has its own, and a change
# made in another process (a worker, a management command) reaches it only this way.
PORTAL_MEMO_MAX_AGE = int(os.environ.get("MEMO_MAX_AGE", "0" if REDIS_URL else "30"))
# Article views are tallied in each process and written at most this often (news.view_counts).
PORTAL_VIEW_COUNT_FLUSH_SECONDS = float(os.environ.get("VIEW_COUNT_FLUSH_SECONDS", "5"))
PORTAL_PAGE_CACHE_EXCLUDE = (
    "/admin/",
    "/account/",
    "/submit/",
    "/core/",
    "/healthz",
    "/media/",
    "/static/",
)
# Saving or deleting any of these invalidates every cached page.
PORTAL_PAGE_CACHE_MODELS = [
    "news.Article",
    "news.Category",
    "members.Zone",
    "members.Region",
    "association.Page",
    "association.Link",
    "association.LinkGroup",
    "association.SiteSettings",
    "association.GuestbookMessage",
]

# Logins (django-axes): five wrong passwords for one user name from one address lock that
# pair out for half an hour, on /account/login/ and /admin/login/ alike; a success resets
# the count. core.security.LoginRateLimitMiddleware also caps login POSTs per address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.views.login_locked_out"  # a Chinese page, status 429
PORTAL_LOGIN_RATE = os.environ.get("LOGIN_RATE", "60/h")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media on S3-compatible object storage (django-storages) when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None  # a CDN in front
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
# Uploads larger than this are refused before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PORTAL_IMAGE_MAX_BYTES = 5 * 1024 * 1024
PORTAL_IMAGE_MAX_PIXELS = 40_000_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

# HTTPS=1 when the site is served over TLS (directly or behind a proxy that sets
# X-Forwarded-Proto, with TRUST_X_FORWARDED_PROTO=1): secure cookies, redirect to https, HSTS.
HTTPS = env_bool("HTTPS", False) and not DEBUG
if env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain http
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 86400 if HTTPS else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Nothing on the site is meant to be framed, not even by itself (CSP frame-ancestors agrees).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features the portal never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Content-Security-Policy (django-csp 4): scripts and styles only from our own static files;
# no plugins, no <base> hijack, no framing, forms post only to us. Pages with CKEditor 5 also
# allow inline styles (core.security.PortalCSPMiddleware, PORTAL_CSP_EDITOR_PREFIXES).
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")  # e.g. the CDN in front of the media bucket
if AWS_STORAGE_BUCKET_NAME and AWS_S3_CUSTOM_DOMAIN:
    CSP_MEDIA_ORIGINS.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}
PORTAL_CSP_EDITOR_PREFIXES = ("/admin/", "/submit/")

FORMS_URLFIELD_ASSUME_HTTPS = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account:contribution-list"
LOGOUT_REDIRECT_URL = "news:home"
PASSWORD_RESET_TIMEOUT = 3 * 86400

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Rich text: CKEditor 5 through django-ckeditor-5, wrapped by core.richtext.
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "core:editor-upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_MAX_FILE_SIZE = 5
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "zh-cn",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "underline",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "insertTable",
                "|",
                "imageUpload",
                "|",
                "undo",
                "redo",
                "removeFormat",
                "sourceEditing",
            ],
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:alignLeft",
                "imageStyle:alignCenter",
                "imageStyle:alignRight",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "heading": {
            "options": [
                {"model": "paragraph", "title": "正文", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "标题 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "标题 3",
                    "class": "ck-heading_heading3",
                },
            ]
        },
    },
    "contribution": {
        "language": "zh-cn",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "imageUpload",
                "|",
                "undo",
                "redo",
            ],
        },
        "image": {"toolbar": ["imageTextAlternative", "toggleImageCaption"]},
    },
}

SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")
