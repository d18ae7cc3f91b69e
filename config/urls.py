"""Root URLs: the public URL contract lives here and in each app's urls.py."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from association import views as association_views
from association.sitemaps import PageSitemap
from core import views as core_views
from core.security import serve_media
from members.account_urls import auth_urlpatterns
from members.sitemaps import ZoneSitemap
from news.sitemaps import ArticleSitemap, CategorySitemap, StaticViewSitemap

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

admin.site.site_header = _("开发区协会门户 · 管理后台")
admin.site.site_title = _("管理后台")
admin.site.index_title = _("内容管理")
admin.site.site_url = "/"

SITEMAPS = {
    "pages": StaticViewSitemap,
    "articles": ArticleSitemap,
    "columns": CategorySitemap,
    "zones": ZoneSitemap,
    "about": PageSitemap,
}

urlpatterns = [
    path("", include("news.urls")),
    path("zones/", include("members.urls")),
    path("about/", include("association.urls")),
    path("", include("members.account_urls")),
    *auth_urlpatterns,
    path("guestbook/", association_views.guestbook, name="guestbook"),
    path("feeds/", include("news.feed_urls")),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the
    # fingerprinted icon instead of rendering a 404 page each time.
    path("favicon.ico", core_views.favicon),
    path("healthz", core_views.healthz, name="healthz"),
    path("core/", include("core.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Images only, inert (core.security.serve_media); production serves media from the web
    # server or object storage with the same rules (README, "Security").
    urlpatterns += [path("media/<path:path>", serve_media)]
