"""A visitor narrows /news/ by province, then city, then dates, reads an article, walks
上一篇/下一篇 and picks a bigger font that stays with them from page to page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Zone
from news.models import Article, Category
from tests.factories import ArticleFactory

from .support import screenshot


def at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(f"{day} 09:30"))


@pytest.fixture
def march_news(demo_site):
    """Articles of 2023, long before the demo's own (which cover the last 18 months)."""
    column = Category.objects.get(slug="park-express")
    changsha = Zone.objects.get(name="长沙经济技术开发区")  # 430121, in 长沙市 430100
    zhuzhou = Zone.objects.get(name="株洲高新技术产业开发区")  # 430211, in 株洲市 430200
    wuhan = Zone.objects.get(name="武汉经济技术开发区")  # 420114, in 湖北省

    def make(title, zone, day):
        return ArticleFactory(title=title, category=column, zone=zone, published_at=at(day))

    return {
        "old": make("长沙经开区一月安全生产检查", changsha, "2023-01-10"),
        "a": make("长沙经开区三月首批项目签约", changsha, "2023-03-05"),
        "zhuzhou": make("株洲高新区三月轨道交通产业对接会", zhuzhou, "2023-03-12"),
        "b": make("长沙经开区工程机械企业扩产", changsha, "2023-03-15"),
        "c": make("长沙经开区三月招聘会吸引万人", changsha, "2023-03-25"),
        "wuhan": make("武汉经开区三月汽车产业论坛", wuhan, "2023-03-20"),
    }


def first_page_titles(**lookups) -> list[str]:
    """What the first page of /news/ should list for these lookups, newest first."""
    articles = Article.objects.published().filter(**lookups).newest_first()
    return list(articles.values_list("title", flat=True)[:20])


def listed_titles(page) -> list[str]:
    titles = page.locator(".results .article-item-title").all_inner_texts()
    return [title.removeprefix("置顶").strip() for title in titles]


def test_filter_by_province_city_dates_then_read_with_a_bigger_font(page, march_news):
    news = march_news
    page.goto("/news/")
    region = page.get_by_label("地区", exact=True)

    # Province: every Hunan article, none from Hubei.
    region.select_option(label="湖南省")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"region=430000"))
    expect(page.locator(".results .article-item").first).to_be_visible()
    assert listed_titles(page) == first_page_titles(zone__region__code__startswith="43")

    # After the province is chosen, the select offers its cities.
    region = page.get_by_label("地区", exact=True)
    expect(region.locator("option[value='430100']")).to_have_text(re.compile("长沙市"))
    expect(region.locator("option[value='430200']")).to_have_text(re.compile("株洲市"))
    expect(region.locator("option[value='420000']")).to_have_text("湖北省")
    region.select_option(value="430100")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"region=430100(&|$)"))
    expect(region).to_have_value("430100")
    assert listed_titles(page) == first_page_titles(zone__region__code__startswith="4301")

    # Then a date range: only the three March articles from 长沙, newest first.
    page.get_by_label("起始日期").fill("2023-03-01")
    page.get_by_label("截止日期").fill("2023-03-31")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"date_from=2023-03-01.*date_to=2023-03-31"))
    expect(page.locator(".results .article-item")).to_have_count(3)
    assert listed_titles(page) == [news["c"].title, news["b"].title, news["a"].title]
    screenshot(page, "flow-news-filtered")

    # Open one; 上一篇/下一篇 walk the column in date order, whatever the filter was.
    page.get_by_role("link", name=news["b"].title).click()
    expect(page.locator("h1")).to_have_text(news["b"].title)
    prev_next = page.get_by_role("navigation", name="上一篇和下一篇")
    expect(prev_next.locator("a[rel=prev]")).to_have_text(news["zhuzhou"].title)
    expect(prev_next.locator("a[rel=next]")).to_have_text(news["wuhan"].title)

    # The font-size switch: 大 enlarges the page at once and is remembered.
    root = page.locator("html")
    page.get_by_role("button", name="大", exact=True).click()
    expect(root).to_have_attribute("data-font-size", "large")
    expect(page.get_by_role("button", name="大", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert root_font_px(page) == pytest.approx(19)

    prev_next.locator("a[rel=prev]").click()
    expect(page.locator("h1")).to_have_text(news["zhuzhou"].title)
    expect(root).to_have_attribute("data-font-size", "large")
    expect(page.get_by_role("button", name="大", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("navigation", name="上一篇和下一篇").locator("a[rel=next]").click()
    expect(page.locator("h1")).to_have_text(news["b"].title)
    page.get_by_role("navigation", name="上一篇和下一篇").locator("a[rel=next]").click()
    expect(page.locator("h1")).to_have_text(news["wuhan"].title)
    screenshot(page, "flow-article-large-font", full_page=False)

    # Other page types keep it too, and 中 puts it back.
    page.goto("/zones/")
    expect(root).to_have_attribute("data-font-size", "large")
    assert root_font_px(page) == pytest.approx(19)
    page.go_back()
    page.get_by_role("button", name="中", exact=True).click()
    expect(root).not_to_have_attribute("data-font-size", re.compile(".+"))
    page.goto("/news/")
    assert root_font_px(page) == pytest.approx(16)


def root_font_px(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
