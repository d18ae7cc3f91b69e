"""Image upload checks shared by covers, logos and editor uploads."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def validate_image_file(upload) -> None:
    """Reject anything that is not a real raster image of sane size and pixel count."""
    max_bytes = settings.PORTAL_IMAGE_MAX_BYTES
    if upload.size and upload.size > max_bytes:
        raise ValidationError(
            _("图片不能超过 %(mb)d MB。") % {"mb": max_bytes // (1024 * 1024)}, code="too_large"
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in FORMATS:
                raise ValidationError(_("只接受 JPEG、PNG、GIF 或 WebP 图片。"), code="format")
            width, height = image.size
            if width * height > settings.PORTAL_IMAGE_MAX_PIXELS:
                raise ValidationError(_("图片像素过大，请缩小后再上传。"), code="pixels")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("无法识别的图片文件。"), code="invalid") from exc
    finally:
        upload.seek(0)


def reencode_image(upload, *, folder: str) -> tuple[str, ContentFile]:
    """Validate ``upload`` and return a random storage name and re-encoded bytes.

    Re-encoding drops anything hidden after or inside the image data (scripts in
    comments, polyglot files, EXIF); the random name defeats path tricks.
    """
    validate_image_file(upload)
    with Image.open(upload) as image:
        fmt = image.format
        image.load()
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buffer = io.BytesIO()
        save_kwargs = {"quality": 88, "optimize": True} if fmt == "JPEG" else {}
        if fmt == "GIF":
            save_kwargs = {"save_all": getattr(image, "is_animated", False)}
        image.save(buffer, format=fmt, **save_kwargs)
    name = f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{FORMATS[fmt]}"
    return name, ContentFile(buffer.getvalue())
