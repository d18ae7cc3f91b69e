"""The header and footer: rendered once per chrome version (kept in process), current
entry marked."""

import re

import pytest

from association.models import Link
from tests.factories import LinkFactory, PageFactory

pytestmark = pytest.mark.django_db


def current(html: str) -> list[str]:
    nav = html.split('id="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'aria-current="page">([^<]+)<', nav)


def test_the_current_navigation_entry_is_marked(client):
    PageFactory(title="协会简介", slug="jianjie")
    assert current(client.get("/").content.decode()) == ["首页"]
    assert current(client.get("/news/").content.decode()) == ["资讯中心"]
    assert current(client.get("/zones/").content.decode()) == ["会员园区"]
    assert current(client.get("/about/jianjie/").content.decode()) == ["协会简介"]
    missing = client.get("/about/no-such-page/")
    assert missing.status_code == 404 and current(missing.content.decode()) == []


def test_a_footer_change_shows_at_once(client):
    link = LinkFactory(name="旧的友情链接")
    assert "旧的友情链接" in client.get("/").content.decode()
    Link.objects.filter(pk=link.pk).delete()
    LinkFactory(name="新的友情链接")
    html = client.get("/").content.decode()
    assert "新的友情链接" in html and "旧的友情链接" not in html


def test_unknown_paths_share_one_header(client):
    from django.template import engines

    fragments = engines["jinja2"].env.extensions["core.jinja2.FragmentCacheExtension"].fragments
    client.get("/about/first-missing/")
    before = set(fragments)
    for n in range(10):
        client.get(f"/about/missing-{n}/")
    assert set(fragments) == before  # no new header fragment per made-up path


def test_settings_and_chrome_are_read_once_per_content_version(client, monkeypatch):
    from django.core.cache import cache

    from association.context_processors import CHROME_CACHE_KEY
    from association.models import SiteSettings

    SiteSettings(name="旧的协会名称").save()
    client.get("/")
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    for _ in range(3):
        assert "旧的协会名称" in client.get("/").content.decode()
    assert SiteSettings.CACHE_KEY not in reads and CHROME_CACHE_KEY not in reads
    # A save is a new content version: the very next page reads and shows it.
    SiteSettings(name="新的协会名称").save()
    html = client.get("/").content.decode()
    assert "新的协会名称" in html and "旧的协会名称" not in html
    assert reads.count(SiteSettings.CACHE_KEY) == 1
