"""Root URLs: the public URL contract lives here and in each app's urls.py."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from core import views as core_views
from members.account_urls import auth_urlpatterns

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

admin.site.site_header = _("开发区协会门户 · 管理后台")
admin.site.site_title = _("管理后台")
admin.site.index_title = _("内容管理")
admin.site.site_url = "/"

urlpatterns = [
    path("", include("news.urls")),
    path("zones/", include("members.urls")),
    path("about/", include("association.urls")),
    path("", include("members.account_urls")),
    *auth_urlpatterns,
    path("healthz", core_views.healthz, name="healthz"),
    path("core/", include("core.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
