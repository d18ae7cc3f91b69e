"""Security headers, the Content-Security-Policy per page, and ``check --deploy`` under the
production environment the README documents."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_public_pages_carry_a_strict_policy_and_headers(client):
    article = ArticleFactory()
    for url in ("/", "/news/", article.get_absolute_url(), "/guestbook/", "/account/login/"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = directives(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["img-src"] == ["'self'", "data:"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_cached_pages_keep_the_headers(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    client.get("/news/")
    response = client.get("/news/")
    assert response["X-Page-Cache"] == "hit"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_only_editor_pages_allow_inline_styles(client, admin_client):
    from members.models import ZoneMembership
    from tests.factories import ZoneFactory

    user = UserFactory(username="editor-page")
    ZoneMembership.objects.create(user=user, zone=ZoneFactory())
    client.force_login(user)
    for response in (client.get(reverse("account:submit")), admin_client.get("/admin/")):
        assert response.status_code == 200
        csp = directives(response)
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
        assert csp["script-src"] == ["'self'"]  # scripts stay strict on editor pages too
    assert directives(client.get("/news/"))["style-src"] == ["'self'"]


def csp_middleware():
    from core.security import PortalCSPMiddleware

    return PortalCSPMiddleware(lambda request: HttpResponse())


def test_the_site_policy_is_built_once_and_is_django_csps(rf, settings, monkeypatch):
    from csp.constants import HEADER
    from csp.exceptions import CSPNonceError
    from csp.middleware import CSPMiddleware

    settings.DEBUG = False
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["https:"]}}
    ours = csp_middleware()
    for path in ("/news/", "/submit/", "/news/", "/admin/", "/submit/"):
        # What django-csp itself writes for this middleware, unremembered.
        expected = CSPMiddleware.process_response(ours, rf.get(path), HttpResponse())
        request = rf.get(path)
        ours.process_request(request)
        response = ours.process_response(request, HttpResponse())
        assert response[HEADER] == expected[HEADER]
        assert ("'unsafe-inline'" in response[HEADER]) == (path != "/news/")
        assert response["Content-Security-Policy-Report-Only"] == "default-src https:"
        with pytest.raises(CSPNonceError):  # as django-csp: too late to ask for a nonce
            str(request.csp_nonce)
    # Built once per kind of page: later responses copy it.
    import csp.middleware

    built = []
    real_build = csp.middleware.build_policy
    monkeypatch.setattr(
        csp.middleware, "build_policy", lambda **kw: built.append(1) or real_build(**kw)
    )
    for path in ("/news/", "/submit/", "/zones/"):
        assert HEADER in ours.process_response(rf.get(path), HttpResponse())
    assert built == []
    # A changed setting is a changed policy.
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    request = rf.get("/news/")
    assert ours.process_response(request, HttpResponse())[HEADER] == "default-src 'none'"


def test_responses_with_a_policy_of_their_own_keep_it(rf, settings):
    from csp.constants import HEADER, NONCE, SELF

    settings.DEBUG = False
    middleware = csp_middleware()
    middleware.process_response(rf.get("/news/"), HttpResponse())  # the site policy is kept
    updated = HttpResponse()
    updated._csp_update = {"img-src": ["https://example.org"]}
    assert "https://example.org" in middleware.process_response(rf.get("/news/"), updated)[HEADER]
    exempt = HttpResponse()
    exempt._csp_exempt = True
    assert HEADER not in middleware.process_response(rf.get("/news/"), exempt)
    already = HttpResponse(headers={HEADER: "default-src 'self' https:"})
    assert middleware.process_response(rf.get("/news/"), already)[HEADER] == (
        "default-src 'self' https:"
    )
    # A page that asked for a nonce gets it in its policy.
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
    assert "nonce" not in middleware.process_response(rf.get("/news/"), HttpResponse())[HEADER]
    request = rf.get("/news/")
    middleware.process_request(request)
    nonce = str(request.csp_nonce)
    assert f"'nonce-{nonce}'" in middleware.process_response(request, HttpResponse())[HEADER]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "EXCLUDE_URL_PREFIXES": ["/news/"],
    }
    assert HEADER not in middleware.process_response(rf.get("/news/1/"), HttpResponse())
    assert HEADER in middleware.process_response(rf.get("/"), HttpResponse())


def test_templates_have_no_inline_scripts_or_styles():
    """The policy forbids them, so none may be written: static files only."""
    from tests.security.html_checks import parse

    for path in (ROOT / "templates").rglob("*.html"):
        soup = parse(path.read_text())
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", path
        assert not soup.find_all("style"), path
        assert not [tag for tag in soup.find_all(True) if tag.has_attr("style")], path
        handlers = [a for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")]
        assert not handlers, path


def test_error_pages_render_without_database_and_with_static_styles():
    from django.template import loader

    for name in ("500.html", "503.html"):
        html = loader.get_template(name).render()
        assert "<style" not in html and "css/error.css" in html


def production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_TEST", "SECURE_", "HSTS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="0",
        HTTPS="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="sqlite:///:memory:",
        REDIS_URL="redis://127.0.0.1:6379/0",  # not contacted by the checks
    )
    env.update(extra)
    return env


def run_deploy_check(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_deploy_check(production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_catches_the_development_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_deploy_check(env)
    assert result.returncode != 0
    assert "core.W001" in result.stdout + result.stderr


def test_check_deploy_catches_a_cache_in_local_memory():
    """Pages and the per-version memos both hang off the content version in the cache."""
    env = production_env()
    del env["REDIS_URL"]
    result = run_deploy_check(env)
    assert result.returncode != 0
    assert "core.W002" in result.stdout + result.stderr
    assert run_deploy_check(production_env(PAGE_CACHE_SECONDS="0")).returncode == 0
    env["PAGE_CACHE_SECONDS"] = "0"  # no page cache: the memos still need a shared version
    assert "core.W002" in (lambda r: r.stdout + r.stderr)(run_deploy_check(env))


def test_media_serves_only_inert_images(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "editor").mkdir()
    (tmp_path / "editor" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "editor" / "evil.html").write_text("<script>alert(1)</script>")
    (tmp_path / "editor" / "evil.svg").write_text("<svg onload=alert(1)></svg>")
    from django.http import Http404
    from django.test import RequestFactory

    from core.security import serve_media

    request = RequestFactory().get("/media/editor/a.png")
    response = serve_media(request, "editor/a.png")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    for name in ("editor/evil.html", "editor/evil.svg", "../../etc/passwd", "editor/a.png.html"):
        with pytest.raises(Http404):
            serve_media(RequestFactory().get("/media/" + name), name)
