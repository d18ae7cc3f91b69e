"""Sharing and SEO: canonical URL, Open Graph, the WeChat QR code, Weibo and copy link."""

import html as html_lib
import re
from urllib.parse import parse_qs, urlparse

import pytest
import segno
from django.contrib.auth.models import Permission

from news.models import Article
from tests.factories import ArticleFactory, PageFactory, StaffFactory, ZoneFactory

pytestmark = pytest.mark.django_db


def meta(html: str, prop: str) -> str | None:
    found = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)"', html)
    return html_lib.unescape(found.group(1)) if found else None


def canonical(html: str) -> str | None:
    found = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return html_lib.unescape(found.group(1)) if found else None


def path_of(qr) -> str:
    return path_of_svg(qr.svg_inline(border=2))


def path_of_svg(svg: str) -> str:
    return re.search(r'stroke="#000" d="([^"]+)"', svg).group(1)


@pytest.fixture
def article():
    return ArticleFactory(
        title="园区签约重大项目",
        summary="签约仪式在管委会举行。",
        cover="covers/2025/01/signing.jpg",
        cover_alt="签约仪式现场",
    )


def test_article_has_canonical_and_open_graph(client, article):
    html = client.get(article.get_absolute_url(), {"utm_source": "wechat"}).content.decode()
    url = f"http://testserver/news/{article.pk}/"
    assert canonical(html) == url
    assert meta(html, "og:url") == url
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "园区签约重大项目"
    assert meta(html, "og:description") == "签约仪式在管委会举行。"
    assert meta(html, "og:image") == "http://testserver/media/covers/2025/01/signing.jpg"
    assert meta(html, "og:image:alt") == "签约仪式现场"
    assert meta(html, "article:published_time")
    assert '<meta name="description" content="签约仪式在管委会举行。">' in html


def test_article_without_cover_has_no_og_image(client):
    article = ArticleFactory(title="没有封面的文章")
    html = client.get(article.get_absolute_url()).content.decode()
    assert meta(html, "og:image") is None


def test_wechat_qr_code_is_a_lazy_image_of_the_absolute_url(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    img = re.search(r'<img class="share-qr-code" src="([^"]+)" alt="([^"]+)"[^>]*>', html)
    assert img.group(2) == "本文网址的二维码" and 'loading="lazy"' in img.group(0)
    assert "微信扫一扫" in html
    response = client.get(img.group(1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    svg = response.content.decode()
    assert svg.startswith("<?xml") and "<script" not in svg
    # The modules drawn are segno's encoding of exactly the article's absolute URL.
    url = f"http://testserver/news/{article.pk}/"
    assert path_of_svg(svg) == path_of(segno.make(url, error="m"))
    assert path_of_svg(svg) != path_of(segno.make(url + "?x", error="m"))


def test_qr_code_follows_the_request_host(client, article, settings):
    settings.ALLOWED_HOSTS = ["www.example.org"]
    response = client.get(f"/news/{article.pk}/qr.svg", secure=True, HTTP_HOST="www.example.org")
    url = f"https://www.example.org/news/{article.pk}/"
    assert path_of_svg(response.content.decode()) == path_of(segno.make(url, error="m"))


def test_qr_code_only_for_public_articles(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert client.get(f"/news/{draft.pk}/qr.svg").status_code == 404
    assert client.get("/news/999999/qr.svg").status_code == 404


def test_weibo_and_copy_link(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver/news/{article.pk}/"
    weibo = re.search(r'href="(https://service\.weibo\.com/share/share\.php\?[^"]+)"', html)
    query = parse_qs(urlparse(html_lib.unescape(weibo.group(1))).query)
    assert query == {"url": [url], "title": ["园区签约重大项目"]}
    assert f'data-action="copy-link" data-url="{url}"' in html
    assert "<script>" not in html  # behaviour lives in static/js/site.js


def test_title_cannot_inject_markup_into_share_tools(client):
    article = ArticleFactory(title='标题"><script>alert(1)</script>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_preview_has_no_share_tools(client):
    draft = ArticleFactory(title="草稿预览", status=Article.Status.DRAFT)
    user = StaffFactory(username="bianji")
    user.user_permissions.add(Permission.objects.get(codename="preview_article"))
    client.force_login(user)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "草稿预览" in html
    assert "share-qr" not in html


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/", {}, "http://testserver/"),
        ("/guestbook/", {"page": "1"}, "http://testserver/guestbook/"),
        ("/news/", {"category": "notices", "q": "招商", "utm_source": "x"}, None),
        ("/zones/", {"level": "national", "page": "2"}, None),
    ],
)
def test_every_page_has_canonical_and_open_graph(client, path, query, expected):
    html = client.get(path, query).content.decode()
    url = canonical(html)
    assert url is not None and url.startswith("http://testserver/")
    if expected:
        assert url == expected
    assert "utm_source" not in url and "q=" not in url
    assert meta(html, "og:url") == url
    assert meta(html, "og:title")
    assert meta(html, "og:description")
    assert meta(html, "og:type") == "website"


def test_canonical_keeps_content_parameters(client):
    html = client.get("/news/", {"category": "notices", "q": "招商", "page": "2"}).content.decode()
    assert canonical(html) == "http://testserver/news/?category=notices&page=2"


def test_zone_and_association_pages_describe_themselves(client):
    zone = ZoneFactory(name="示范经济技术开发区")
    page = PageFactory(title="协会章程", slug="charter", summary="本会章程全文。")
    zone_html = client.get(zone.get_absolute_url()).content.decode()
    assert meta(zone_html, "og:title") == "示范经济技术开发区"
    assert f'href="/feeds/zone/{zone.slug}/"' in zone_html
    page_html = client.get(page.get_absolute_url()).content.decode()
    assert meta(page_html, "og:title") == "协会章程"
    assert meta(page_html, "og:description") == "本会章程全文。"


def test_print_stylesheet_hides_share_tools():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static/css/site.css").read_text()
    assert "@media print" in css and ".share" in css.split("@media print", 2)[-1]
