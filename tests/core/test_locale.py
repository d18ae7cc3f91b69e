"""The language of a request (core.locale.SiteLanguageMiddleware)."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_a_one_language_site_answers_in_it_whatever_the_request_asks(client, settings):
    settings.LANGUAGE_COOKIE_NAME = "django_language"
    client.cookies["django_language"] = "en"
    response = client.get("/guestbook/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    assert "留言" in response.text
    # Nothing varies with the header, so nothing says it does.
    assert "Accept-Language" not in response.get("Vary", "")
    assert response.wsgi_request.LANGUAGE_CODE == "zh-hans"


def test_with_more_languages_the_request_chooses(client, settings):
    settings.LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
    response = client.get("/guestbook/", headers={"accept-language": "en"})
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    chinese = client.get("/guestbook/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert chinese["Content-Language"] == "zh-hans"
    translation.activate(settings.LANGUAGE_CODE)
