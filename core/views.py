"""Site-wide views: health check, error pages and the editor's image upload."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

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


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the database may be the thing that failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


def may_upload_editor_images(user) -> bool:
    """Staff may upload images into rich text (zone contributors get their own rule)."""
    return user.is_active and user.is_staff


@login_required
@require_POST
def editor_upload(request):
    """CKEditor 5 image upload: only real images, re-encoded, stored under a random name."""
    if not may_upload_editor_images(request.user):
        return JsonResponse({"error": {"message": _("您没有上传图片的权限。")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("请选择要上传的图片。")}}, status=400)
    try:
        name, content = reencode_image(upload, folder="editor")
    except ValidationError as exc:
        return JsonResponse({"error": {"message": exc.messages[0]}}, status=400)
    stored = default_storage.save(name, content)
    return JsonResponse({"url": default_storage.url(stored)})
