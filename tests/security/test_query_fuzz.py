"""Property-based fuzzing (hypothesis) of every public URL's query parameters: whatever
arrives in the query string, the answer is never a 500 and never a traceback."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, CategoryFactory, PageFactory, ZoneFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),  # control characters
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "-1", "1e999", "NaN", "2025-02-30", "9999-12-31", "43", "430100"]),
    st.just("搜" * 5000),  # a 5 KB query
)
NEWS_PARAMS = ["page", "category", "zone", "region", "date_from", "date_to", "q", "sort"]
ZONE_PARAMS = ["page", "region", "level", "kind", "q"]


@pytest.fixture
def site():
    column = CategoryFactory(slug="park-express")
    zone = ZoneFactory(slug="changsha")
    PageFactory(slug="intro")
    return ArticleFactory(category=column, zone=zone, body="<p>长沙经开区新闻</p>")


def assert_no_server_error(response, url):
    assert response.status_code < 500, (url, response.status_code)
    assert b"Traceback" not in response.content


def fuzz(url: str, names: list[str]):
    client = Client(raise_request_exception=False)

    @FUZZ
    @given(st.dictionaries(st.sampled_from(names), values, max_size=len(names)))
    def run(params):
        assert_no_server_error(client.get(url, params), url)

    run()


def test_news_list(site):
    fuzz("/news/", NEWS_PARAMS)


def test_home_and_article(site):
    fuzz("/", ["page", "q"])
    fuzz(site.get_absolute_url(), ["page", "q"])


def test_zones(site):
    fuzz("/zones/", ZONE_PARAMS)
    fuzz("/zones/changsha/", ["page"])


def test_guestbook_about_feeds_sitemaps(site):
    fuzz("/guestbook/", ["page"])
    fuzz("/about/intro/", ["page", "q"])
    for feed in ("/feeds/latest/", "/feeds/category/park-express/", "/feeds/zone/changsha/"):
        fuzz(feed, ["page", "q"])
    fuzz("/sitemap.xml", ["p"])
    fuzz("/sitemap-articles.xml", ["p"])


@FUZZ
@given(slug=st.text(max_size=80))
def test_path_segments(slug):
    client = Client(raise_request_exception=False)
    for prefix in ("/zones/", "/about/", "/feeds/zone/", "/feeds/category/"):
        url = prefix + slug.replace("\x00", "") + "/"
        assert_no_server_error(client.get(url), url)
