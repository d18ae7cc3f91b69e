"""RSS feeds, the sitemap and robots.txt list published content only, with absolute links."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, PageFactory, ZoneFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def content():
    """One published article per column and zone, plus a draft and a scheduled one."""
    column = CategoryFactory(name="园区快讯", slug="park-news")
    other_column = CategoryFactory(name="通知公告", slug="notices")
    zone = ZoneFactory(name="示范高新技术产业开发区", short_name="示范高新区")
    other_zone = ZoneFactory(name="另一经济技术开发区")
    return {
        "column": column,
        "zone": zone,
        "published": ArticleFactory(
            title="已发布的园区新闻",
            category=column,
            zone=zone,
            summary="园区新闻的摘要。",
            author="赵记者",
        ),
        "other": ArticleFactory(title="另一栏目的通知", category=other_column, zone=other_zone),
        "draft": ArticleFactory(
            title="尚未发布的草稿", category=column, zone=zone, status=Article.Status.DRAFT
        ),
        "pending": ArticleFactory(
            title="待审核的投稿", category=column, zone=zone, status=Article.Status.PENDING
        ),
        "scheduled": ArticleFactory(
            title="定时发布的文章",
            category=column,
            zone=zone,
            published_at=timezone.now() + 2 * HOUR,
        ),
    }


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def test_latest_feed_lists_published_articles_with_absolute_links(client, content):
    channel, items = rss_items(client.get("/feeds/latest/"))
    titles = [item.findtext("title") for item in items]
    assert set(titles) == {"已发布的园区新闻", "另一栏目的通知"}
    assert channel.findtext("link") == "http://testserver/news/"
    item = items[titles.index("已发布的园区新闻")]
    url = f"http://testserver/news/{content['published'].pk}/"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert item.findtext("description") == "园区新闻的摘要。"
    assert item.findtext("pubDate")
    assert "赵记者" in ET.tostring(item, encoding="unicode")
    assert "园区快讯" in [c.text for c in item.findall("category")]


def test_feeds_use_the_https_host_of_the_request(client, content, settings):
    settings.ALLOWED_HOSTS = ["www.example.org"]
    _, items = rss_items(
        client.get("/feeds/latest/", secure=True, headers={"host": "www.example.org"})
    )
    assert all(item.findtext("link").startswith("https://www.example.org/") for item in items)


def test_category_feed(client, content):
    channel, items = rss_items(client.get("/feeds/category/park-news/"))
    assert [item.findtext("title") for item in items] == ["已发布的园区新闻"]
    assert "园区快讯" in channel.findtext("title")
    assert channel.findtext("link") == "http://testserver/news/?category=park-news"


def test_zone_feed(client, content):
    zone = content["zone"]
    channel, items = rss_items(client.get(f"/feeds/zone/{zone.slug}/"))
    assert [item.findtext("title") for item in items] == ["已发布的园区新闻"]
    assert channel.findtext("link") == f"http://testserver/zones/{zone.slug}/"


def test_unknown_or_hidden_feed_objects_are_404(client, content):
    assert client.get("/feeds/category/no-such-column/").status_code == 404
    hidden = ZoneFactory(name="已停用的园区", is_active=False)
    assert client.get(f"/feeds/zone/{hidden.slug}/").status_code == 404


def test_feed_link_in_every_page_head(client, content):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/feeds/latest/"' in html


def sitemap_urls(client, path):
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]


def test_sitemap_index_lists_every_section(client, content):
    sections = sitemap_urls(client, "/sitemap.xml")
    for name in ["pages", "articles", "columns", "zones", "about"]:
        assert f"http://testserver/sitemap-{name}.xml" in sections


def test_sitemap_articles_are_published_only(client, content):
    urls = sitemap_urls(client, "/sitemap-articles.xml")
    expected = {
        f"http://testserver{content[key].get_absolute_url()}" for key in ("published", "other")
    }
    assert set(urls) == expected


def test_sitemap_zones_pages_columns_and_fixed_pages(client, content):
    hidden_zone = ZoneFactory(name="不公开的园区", is_active=False)
    PageFactory(title="协会简介", slug="intro")
    PageFactory(title="未公开页面", slug="draft-page", is_published=False)
    zones = sitemap_urls(client, "/sitemap-zones.xml")
    assert f"http://testserver/zones/{content['zone'].slug}/" in zones
    assert f"http://testserver/zones/{hidden_zone.slug}/" not in zones
    assert sitemap_urls(client, "/sitemap-about.xml") == ["http://testserver/about/intro/"]
    columns = sitemap_urls(client, "/sitemap-columns.xml")
    assert "http://testserver/news/?category=park-news" in columns
    fixed = sitemap_urls(client, "/sitemap-pages.xml")
    for path in ["/", "/news/", "/zones/", "/guestbook/"]:
        assert f"http://testserver{path}" in fixed


def test_sitemap_scheduled_article_appears_when_its_time_comes(client, content, monkeypatch):
    later = timezone.now() + 3 * HOUR
    monkeypatch.setattr(timezone, "now", lambda: later)
    urls = sitemap_urls(client, "/sitemap-articles.xml")
    assert f"http://testserver{content['scheduled'].get_absolute_url()}" in urls
    assert f"http://testserver{content['draft'].get_absolute_url()}" not in urls


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    for rule in ["Disallow: /admin/", "Disallow: /account/", "Disallow: /submit/"]:
        assert rule in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
