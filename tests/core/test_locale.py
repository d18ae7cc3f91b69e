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


@pytest.fixture
def restore_language():
    yield
    translation.activate("zh-hans")  # the middleware leaves the request's language active


@pytest.mark.usefixtures("restore_language")
def test_with_more_languages_the_request_chooses(client, settings):
    settings.LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
    response = client.get("/guestbook/", headers={"accept-language": "en"})
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    chinese = client.get("/guestbook/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert chinese["Content-Language"] == "zh-hans"


@pytest.mark.usefixtures("restore_language")
def test_a_language_code_outside_the_one_language_falls_back_as_django_does(client, settings):
    settings.LANGUAGE_CODE = "en"  # check --deploy reports it (translation.E004)
    response = client.get("/guestbook/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
