"""Site-wide views: health check, favicon, error pages and the editor's image upload."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from .images import reencode_image


@never_cache
def healthz(request):
    """200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def favicon(request):
    """/favicon.ico: a redirect to the fingerprinted icon, kept by browsers for a day (not
    permanent: the fingerprint changes when the icon does)."""
    response = HttpResponseRedirect(static("img/favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the database may be the thing that failed.
    import sys

    from django.template import loader

    from .security import DATABASE_ERRORS, database_unavailable_response

    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response()
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def editor_upload_folder(user) -> str | None:
    """Where ``user``'s editor images go, or None when they may not upload.

    Association staff share one folder; each zone user has their own, and their
    contributions may only show images from it.
    """
    from members.forms import contributor_image_folder
    from members.permissions import is_zone_staff

    if not user.is_active:
        return None
    if user.is_staff:
        return "editor"
    if is_zone_staff(user):
        return contributor_image_folder(user)
    return None


@login_required
@require_POST
def editor_upload(request):
    """CKEditor 5 image upload: only real images, re-encoded, stored under a random name."""
    folder = editor_upload_folder(request.user)
    if folder is None:
        return JsonResponse({"error": {"message": _("您没有上传图片的权限。")}}, status=403)
    limited = is_ratelimited(
        request, group="editor-upload", key="user", rate="60/h", method="POST", increment=True
    ) or is_ratelimited(
        request, group="editor-upload-ip", key="ip", rate="120/h", method="POST", increment=True
    )
    if limited:
        return JsonResponse({"error": {"message": _("上传过于频繁，请稍后再试。")}}, status=429)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("请选择要上传的图片。")}}, status=400)
    try:
        name, content = reencode_image(upload, folder=folder)
    except ValidationError as exc:
        return JsonResponse({"error": {"message": exc.messages[0]}}, status=400)
    stored = default_storage.save(name, content)
    return JsonResponse({"url": default_storage.url(stored)})


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a page saying why and what to do."""
    from django.conf import settings

    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/lockout.html", context, status=429)


def rate_limited(request, exception=None):
    """Shown when a rate limit refuses a request outright."""
    return render(request, "429.html", status=429)
