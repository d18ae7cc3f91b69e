"""Hostile uploads through the editor's image upload (the same checks guard covers and
logos): decompression bombs, polyglots, SVG and HTML, oversize files, path tricks."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import ZoneMembership
from tests.factories import UserFactory, ZoneFactory

pytestmark = pytest.mark.django_db
STORED_NAME = re.compile(r"^/media/contrib/u\d+/\d{4}/\d{2}/[0-9a-f]{32}\.(png|gif|jpg|webp)$")


@pytest.fixture
def uploader(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(username="uploader")
    ZoneMembership.objects.create(user=user, zone=ZoneFactory())
    client.force_login(user)
    return client


def upload(client, name: str, content: bytes, content_type: str = "image/png"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(reverse("core:editor-upload"), {"upload": file})


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int, height: int) -> bytes:
    """A tiny file whose header declares ``width`` × ``height`` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat)


def real_image(fmt="PNG", size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format=fmt)
    return buffer.getvalue()


def error_of(response) -> str:
    return response.json()["error"]["message"]


@pytest.mark.parametrize("width, height", [(100_000, 100_000), (50_000, 1_000), (65_535, 65_535)])
def test_decompression_bomb_is_refused_without_decoding(uploader, width, height):
    response = upload(uploader, "bomb.png", bomb_png(width, height))
    assert response.status_code == 400
    assert error_of(response) in ("图片像素过大，请缩小后再上传。", "无法识别的图片文件。")


def test_gif_html_polyglot_is_reencoded_without_the_payload(uploader):
    payload = b"<script>alert(1)</script><html><body onload=alert(2)>"
    gif = real_image("GIF") + payload  # trailing bytes: a GIF to Pillow, HTML to a sniffer
    response = upload(uploader, "poly.gif", gif, "image/gif")
    assert response.status_code == 200
    url = response.json()["url"]
    assert STORED_NAME.match(url)
    stored = default_storage.open(url.removeprefix("/media/")).read()
    assert stored.startswith(b"GIF8") and b"<script" not in stored and b"alert" not in stored


def test_gif_header_followed_by_html_only_is_refused(uploader):
    response = upload(uploader, "x.gif", b"GIF89a/*<script>alert(1)</script>*/", "image/gif")
    assert response.status_code == 400
    assert error_of(response) == "无法识别的图片文件。"


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
        ("x.png", b"<svg onload=alert(1)>", "image/png"),
        ("x.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("x.jpg", b"\xff\xd8\xff\xe0<script>alert(1)</script>", "image/jpeg"),
        ("x.pdf", b"%PDF-1.4 /JS (app.alert(1))", "application/pdf"),
    ],
)
def test_non_raster_files_are_refused(uploader, name, content, content_type):
    response = upload(uploader, name, content, content_type)
    assert response.status_code == 400
    assert error_of(response) in ("无法识别的图片文件。", "只接受 JPEG、PNG、GIF 或 WebP 图片。")


def test_other_raster_formats_are_refused(uploader):
    response = upload(uploader, "x.bmp", real_image("BMP"), "image/bmp")
    assert response.status_code == 400
    assert error_of(response) == "只接受 JPEG、PNG、GIF 或 WebP 图片。"


def test_oversize_file_is_refused(uploader, settings):
    settings.PORTAL_IMAGE_MAX_BYTES = 1024 * 1024
    response = upload(uploader, "big.png", real_image() + b"\0" * (1024 * 1024))
    assert response.status_code == 400
    assert error_of(response) == "图片不能超过 1 MB。"


@pytest.mark.parametrize(
    "name",
    [
        "../../../etc/passwd.png",
        "..\\..\\config\\settings\\base.py.png",
        "/etc/cron.d/x.png",
        "x.png.html",
        "x.html%00.png",
        "%2e%2e%2fx.png",
        "图片 名称.png",
    ],
)
def test_stored_name_is_random_whatever_the_file_was_called(uploader, name, tmp_path):
    response = upload(uploader, name, real_image())
    assert response.status_code == 200
    url = response.json()["url"]
    assert STORED_NAME.match(url), url
    stored = list(tmp_path.rglob("*.*"))
    assert stored and all(tmp_path in path.parents for path in stored)
    assert all(path.suffix == ".png" for path in stored)
