"""Zone staff logins, passwords and editor uploads."""

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import ZoneMembership
from tests.factories import StaffFactory, UserFactory, ZoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor():
    user = UserFactory(username="zhangsan", email="zs@zone.example.org")
    ZoneMembership.objects.create(user=user, zone=ZoneFactory())
    return user


def png(name="a.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_login_page_and_login_redirects_to_contributions(client, contributor):
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "会员单位登录" in page.content.decode()
    response = client.post(reverse("login"), {"username": "zhangsan", "password": "pass-word-123"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account:contribution-list")


def test_wrong_password_keeps_username_and_explains(client, contributor):
    response = client.post(reverse("login"), {"username": "zhangsan", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="zhangsan"' in html and "请输入一个正确的" in html


def test_logout_is_a_post_and_ends_the_session(client, contributor):
    client.force_login(contributor)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("account:contribution-list")).status_code == 302


def test_password_change(client, contributor):
    client.force_login(contributor)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pass-word-123",
            "new_password1": "Zhe-Shi-Xin-Mima-2026",
            "new_password2": "Zhe-Shi-Xin-Mima-2026",
        },
    )
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.check_password("Zhe-Shi-Xin-Mima-2026")


def test_password_rules_are_shown_as_a_list(client, contributor):
    client.force_login(contributor)
    html = client.get(reverse("password_change")).content.decode()
    assert '<div class="help" id="id_new_password1_helptext"><ul>' in html
    assert "&lt;ul&gt;" not in html


def test_password_reset_by_email(client, contributor):
    client.post(reverse("password_reset"), {"email": "zs@zone.example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"/account/reset/[^/\s]+/[^/\s]+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    assert "设置新密码" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Lian-Jie-Chong-She-99", "new_password2": "Lian-Jie-Chong-She-99"},
    )
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.check_password("Lian-Jie-Chong-She-99")


def test_zone_user_uploads_editor_image_into_own_folder(client, contributor):
    client.force_login(contributor)
    response = client.post(reverse("core:editor-upload"), {"upload": png()})
    assert response.status_code == 200
    assert re.fullmatch(
        rf"/media/contrib/u{contributor.pk}/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.png",
        response.json()["url"],
    )


def test_plain_user_without_zone_cannot_upload(client):
    client.force_login(UserFactory(username="visitor"))
    assert client.post(reverse("core:editor-upload"), {"upload": png()}).status_code == 403


def test_editor_upload_rejects_fake_image_and_is_rate_limited(client, contributor):
    client.force_login(contributor)
    fake = SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(reverse("core:editor-upload"), {"upload": fake})
    assert response.status_code == 400 and "图片" in response.json()["error"]["message"]
    statuses = {
        client.post(reverse("core:editor-upload"), {"upload": png()}).status_code for _ in range(60)
    }
    assert 429 in statuses


def test_contribution_cover_rejects_non_image(client, contributor):
    from news.models import Category

    column = Category.objects.create(name="园区快讯", slug="px", open_for_contributions=True)
    client.force_login(contributor)
    response = client.post(
        reverse("account:submit"),
        {
            "title": "带假封面的稿件",
            "zone": contributor.zone_memberships.get().zone_id,
            "category": column.pk,
            "body": "<p>正文保留</p>",
            "cover": SimpleUploadedFile("c.jpg", b"GIF89a<script>", content_type="image/jpeg"),
            "submit": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "带假封面的稿件" in html and "正文保留" in html
    assert response.context["form"].errors["cover"]


def test_staff_use_the_admin_not_the_contribution_form(client):
    client.force_login(StaffFactory(username="staffer"))
    assert client.get(reverse("account:submit")).status_code == 403
