"""A contribution's cover image must come with its text alternative (封面图说明)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import ZoneMembership
from news.models import Article
from tests.factories import CategoryFactory, UserFactory, ZoneFactory, region

pytestmark = pytest.mark.django_db


def png_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile("cover.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def contributor():
    zone = ZoneFactory(name="长沙经济技术开发区", region=region("430121"))
    user = UserFactory(username="alt-writer")
    ZoneMembership.objects.create(user=user, zone=zone)
    return user


@pytest.fixture
def data(contributor):
    column = CategoryFactory(name="园区快讯", slug="park-express", open_for_contributions=True)
    return {
        "title": "园区举办招商推介会",
        "zone": contributor.zone_memberships.get().zone_id,
        "category": column.pk,
        "body": "<p>推介会现场签约项目十二个。</p>",
        "submit": "1",
    }


def test_a_cover_without_its_description_is_sent_back_and_kept(client, contributor, data):
    client.force_login(contributor)
    response = client.post(reverse("account:submit"), {**data, "cover": png_upload()})
    assert response.status_code == 200
    form = response.context["form"]
    assert "封面图说明" in form.errors["cover_alt"][0]
    assert form.retained_cover  # the upload waits in the form for the missing text
    assert not Article.objects.exists()

    response = client.post(
        reverse("account:submit"),
        {**data, "cover_token": form.cover_token_value, "cover_alt": "推介会签约现场"},
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover and article.cover_alt == "推介会签约现场"


def test_blank_description_does_not_count(client, contributor, data):
    client.force_login(contributor)
    response = client.post(
        reverse("account:submit"), {**data, "cover": png_upload(), "cover_alt": "   "}
    )
    assert response.context["form"].errors["cover_alt"]


def test_no_cover_needs_no_description(client, contributor, data):
    client.force_login(contributor)
    assert client.post(reverse("account:submit"), data).status_code == 302


def test_revising_an_item_that_has_a_cover_still_needs_the_description(client, contributor, data):
    client.force_login(contributor)
    draft = {key: value for key, value in data.items() if key != "submit"} | {"save": "1"}
    client.post(reverse("account:submit"), {**draft, "cover": png_upload(), "cover_alt": "现场"})
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and article.cover
    response = client.post(
        reverse("account:contribution-edit", args=[article.pk]), {**draft, "cover_alt": ""}
    )
    assert response.status_code == 200 and response.context["form"].errors["cover_alt"]
