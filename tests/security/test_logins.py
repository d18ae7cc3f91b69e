"""Logins under attack: lockout (django-axes), per-address rate limit, session fixation,
open redirects through ``?next=``, and CSRF on every state-changing public endpoint."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from association.models import GuestbookMessage
from members.models import ZoneMembership
from news.models import Article
from tests.factories import StaffFactory, UserFactory, ZoneFactory

pytestmark = pytest.mark.django_db
PASSWORD = "pass-word-123"


@pytest.fixture
def contributor():
    user = UserFactory(username="zhangsan")
    ZoneMembership.objects.create(user=user, zone=ZoneFactory())
    return user


@pytest.fixture
def staff():
    return StaffFactory(username="editor", is_superuser=True)


def fail(client, url, username, times):
    return [
        client.post(url, {"username": username, "password": "wrong-guess"}) for _ in range(times)
    ]


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_five_failures_lock_the_account_with_a_chinese_page(client, contributor, staff, url_name):
    url = reverse(url_name)
    username = "editor" if url_name == "admin:login" else "zhangsan"
    responses = fail(client, url, username, 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4
    locked = responses[4]
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "登录已暂时锁定" in html and "30 分钟" in html and "忘记密码" in html
    # Even the right password is refused while locked.
    right = client.post(url, {"username": username, "password": PASSWORD})
    assert right.status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_is_per_user_name_and_address(client, contributor):
    fail(client, reverse("login"), "zhangsan", 5)
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    response = other_address.post(reverse("login"), {"username": "zhangsan", "password": PASSWORD})
    assert response.status_code == 302  # an attacker elsewhere cannot lock the owner out


def test_success_resets_the_failure_count(client, contributor):
    fail(client, reverse("login"), "zhangsan", 4)
    assert (
        client.post(reverse("login"), {"username": "zhangsan", "password": PASSWORD}).status_code
        == 302
    )
    client.post(reverse("logout"))
    responses = fail(client, reverse("login"), "zhangsan", 4)
    assert all(r.status_code == 200 for r in responses)


def test_login_posts_are_rate_limited_per_address(client, settings):
    settings.PORTAL_LOGIN_RATE = "3/h"
    statuses = [
        client.post(reverse("login"), {"username": f"user{i}", "password": "x"}).status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 429
    assert "操作过于频繁" in response.content.decode()


def test_session_key_changes_on_login(client, contributor):
    session = client.session  # an anonymous session an attacker could have planted
    session["planted"] = "by attacker"
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    response = client.post(reverse("login"), {"username": "zhangsan", "password": PASSWORD})
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.session[SESSION_KEY] == str(contributor.pk)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        " javascript:alert(1)",
        "http://testserver.evil.example/",
        "/\t/evil.example",
        "https://testserver@evil.example/",
    ],
)
def test_next_never_leaves_the_site(client, contributor, target):
    response = client.post(
        reverse("login") + "?next=x",
        {"username": "zhangsan", "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account:contribution-list")


def test_next_within_the_site_is_kept(client, contributor):
    response = client.post(
        reverse("login"), {"username": "zhangsan", "password": PASSWORD, "next": "/submit/"}
    )
    assert response["Location"] == "/submit/"


STATE_CHANGING = [
    ("login", {"username": "zhangsan", "password": PASSWORD}),
    ("admin:login", {"username": "zhangsan", "password": PASSWORD}),
    ("logout", {}),
    ("guestbook", {"name": "甲", "subject": "乙", "message": "丙"}),
    ("account:submit", {"title": "稿件"}),
    ("account:invite", {"name": "王", "email": "w@example.org"}),
    ("password_change", {"old_password": PASSWORD}),
    ("password_reset", {"email": "zs@example.org"}),
    ("core:editor-upload", {}),
]


@pytest.mark.parametrize("url_name, data", STATE_CHANGING, ids=[n for n, _ in STATE_CHANGING])
def test_posts_without_csrf_token_are_refused(contributor, url_name, data):
    client = Client(enforce_csrf_checks=True)
    if url_name not in ("login", "admin:login", "password_reset", "guestbook"):
        client.force_login(contributor)
    response = client.post(reverse(url_name), data)
    assert response.status_code == 403
    assert not GuestbookMessage.objects.exists() and not Article.objects.exists()
    if url_name in ("login", "admin:login"):
        assert SESSION_KEY not in client.session
