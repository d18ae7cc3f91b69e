"""Health check, error pages, the admin (pages load, audit fields) and the editor upload."""

import io
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from core import views as core_views
from news.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    LinkFactory,
    PageFactory,
    StaffFactory,
    UserFactory,
    ZoneFactory,
)

UPLOAD_URL = reverse("core:editor-upload")


def png_upload(name="photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- health and error pages -------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode().strip() == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_503_when_the_database_fails(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise OperationalError("could not connect to server")

    monkeypatch.setattr(core_views, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "ok" not in response.content.decode()


@pytest.mark.django_db
def test_404_page_is_the_friendly_chinese_one(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您访问的页面不存在" in html
    assert 'href="/news/"' in html and 'href="/zones/"' in html


def test_500_page_is_static_and_needs_no_database():
    # No django_db mark: any database access here would raise.
    response = core_views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "抱歉，服务暂时出了点问题" in html
    assert "返回首页" in html


# --- admin ------------------------------------------------------------------------------


@pytest.fixture
def content():
    zone = ZoneFactory(name="长沙经济技术开发区")
    article = ArticleFactory(title="后台测试文章", zone=zone, status=Article.Status.DRAFT)
    ArticleFactory(
        title="待审投稿", zone=zone, status=Article.Status.PENDING, submitted_by=UserFactory()
    )
    PageFactory(title="协会简介", slug="intro")
    LinkFactory()
    return article


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, query",
    [
        ("admin:index", ""),
        ("admin:news_article_changelist", ""),
        ("admin:news_article_changelist", "?status=draft&province=43"),
        ("admin:news_article_changelist", "?q=后台&is_pinned__exact=0&category__id__exact=1"),
        ("admin:news_article_add", ""),
        ("admin:news_category_changelist", "?show_on_home__exact=1"),
        ("admin:news_category_add", ""),
        ("admin:news_contribution_changelist", ""),
        ("admin:members_zone_changelist", "?level=national&kind=etdz"),
        ("admin:members_zone_add", ""),
        ("admin:members_region_changelist", "?level=1&q=湖南"),
        ("admin:members_region_add", ""),
        ("admin:members_zonemembership_changelist", ""),
        ("admin:members_reviewerscope_changelist", ""),
        ("admin:association_page_changelist", "?q=简介"),
        ("admin:association_page_add", ""),
        ("admin:association_linkgroup_changelist", ""),
        ("admin:association_linkgroup_add", ""),
        ("admin:association_sitesettings_changelist", ""),
        ("admin:association_sitesettings_add", ""),
    ],
)
def test_admin_pages_load(admin_client, content, name, query):
    response = admin_client.get(reverse(name) + query)
    assert response.status_code == 200


@pytest.mark.django_db
def test_every_registered_model_has_a_working_changelist(admin_client, content):
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_admin_article_change_page_loads(admin_client, content):
    response = admin_client.get(reverse("admin:news_article_change", args=[content.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "后台测试文章" in html
    assert "审计信息" in html


@pytest.mark.django_db
def test_admin_province_filter_narrows_the_articles(admin_client, content):
    ArticleFactory(title="湖北园区文章", zone=ZoneFactory(region_id="420102"))
    url = reverse("admin:news_article_changelist")
    response = admin_client.get(url + "?province=43")
    titles = {a.title for a in response.context["cl"].result_list}
    assert titles == {"后台测试文章", "待审投稿"}


def article_form_data(category, **overrides):
    data = {
        "title": "后台新增的协会动态",
        "category": category.pk,
        "zone": "",
        "summary": "后台新增的摘要",
        "body": "<p>后台正文</p><script>alert(1)</script>",
        "cover_alt": "",
        "source": "协会秘书处",
        "author": "",
        "publisher": "",
        "status": Article.Status.PUBLISHED,
        "published_at_0": "2025-03-01",
        "published_at_1": "09:30:00",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_admin_audit_mixin_sets_created_and_updated_by(admin_client, admin_user, client):
    category = CategoryFactory(name="协会动态")
    response = admin_client.post(reverse("admin:news_article_add"), article_form_data(category))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="后台新增的协会动态")
    assert article.created_by == admin_user
    assert article.updated_by == admin_user
    assert article.body == "<p>后台正文</p>"
    assert article.published_at.isoformat() == "2025-03-01T01:30:00+00:00"  # Asia/Shanghai

    other = UserFactory(username="another-admin", is_staff=True, is_superuser=True)
    client.force_login(other)
    url = reverse("admin:news_article_change", args=[article.pk])
    response = client.post(url, article_form_data(category, title="改过的标题"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "改过的标题"
    assert article.created_by == admin_user
    assert article.updated_by == other


@pytest.mark.django_db
def test_anonymous_is_redirected_from_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(reverse("admin:news_article_changelist"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_non_staff_user_cannot_use_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- editor upload ----------------------------------------------------------------------


@pytest.mark.django_db
def test_upload_redirects_anonymous_to_login(client):
    response = client.post(UPLOAD_URL, {"upload": png_upload()})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_upload_forbidden_for_non_staff(client):
    client.force_login(UserFactory())
    response = client.post(UPLOAD_URL, {"upload": png_upload()})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "您没有上传图片的权限。"


@pytest.mark.django_db
def test_upload_requires_post(client):
    client.force_login(StaffFactory())
    assert client.get(UPLOAD_URL).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload, message",
    [
        (
            {"upload": SimpleUploadedFile("notes.png", "这不是图片".encode(), "image/png")},
            "无法识别的图片文件。",
        ),
        (
            {"upload": SimpleUploadedFile("x.html", b"<script>alert(1)</script>", "text/html")},
            "无法识别的图片文件。",
        ),
        ({}, "请选择要上传的图片。"),
    ],
)
def test_upload_rejects_non_images_with_a_chinese_message(client, payload, message):
    client.force_login(StaffFactory())
    response = client.post(UPLOAD_URL, payload)
    assert response.status_code == 400
    assert response.json() == {"error": {"message": message}}


@pytest.mark.django_db
def test_upload_accepts_a_png_for_staff_under_a_random_name(client):
    client.force_login(StaffFactory())
    response = client.post(UPLOAD_URL, {"upload": png_upload("../../园区 照片.png")})
    assert response.status_code == 200
    url = response.json()["url"]
    assert re.fullmatch(r"/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.png", url), url
    name = url.removeprefix("/media/")
    assert default_storage.exists(name)
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert image.format == "PNG" and image.size == (8, 8)

    second = client.post(UPLOAD_URL, {"upload": png_upload("../../园区 照片.png")}).json()["url"]
    assert second != url


@pytest.mark.django_db
def test_favicon_is_a_static_icon_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and "max-age=86400" in response["Cache-Control"]
    assert response["Location"].startswith("/static/img/favicon")
    from django.contrib.staticfiles import finders

    assert Path(finders.find("img/favicon.svg")).read_text().startswith("<svg")
    assert f'<link rel="icon" href="{response["Location"]}"' in client.get("/").content.decode()
