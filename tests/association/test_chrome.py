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


def test_settings_and_chrome_are_read_once_per_content_version(django_assert_num_queries):
    from association.context_processors import load_chrome
    from association.models import SiteSettings

    SiteSettings(name="旧的协会名称").save()
    LinkFactory(name="旧的友情链接")
    assert SiteSettings.load().name == "旧的协会名称"
    chrome = load_chrome()
    with django_assert_num_queries(0):
        assert SiteSettings.load().name == "旧的协会名称"
        assert load_chrome() is chrome
    # A save is a new content version: the next read is of the database.
    SiteSettings(name="新的协会名称").save()
    assert SiteSettings.load().name == "新的协会名称"
    assert load_chrome()["version"] != chrome["version"]
    Link.objects.update(name="改过的友情链接")  # no signal: the version stays
    LinkFactory(name="新的友情链接")
    names = [name for _, links in load_chrome()["link_groups"] for name, _ in links]
    assert "新的友情链接" in names and "改过的友情链接" in names
