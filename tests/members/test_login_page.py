"""The public login page shows the association, not the request's host name."""

import pytest
from django.urls import reverse

from association.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_login_page_brand_is_the_association(client):
    SiteSettings.objects.create(name="华中开发区协会")
    html = client.get(reverse("login")).content.decode()
    assert '<span class="brand-name">华中开发区协会</span>' in html
    assert "<title>会员单位登录 - 华中开发区协会</title>" in html
