"""/news/: every filter of the URL contract, alone and combined, and bad input."""

import datetime as dt
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, ZoneFactory, region

pytestmark = pytest.mark.django_db

URL = "/news/"
SHANGHAI = ZoneInfo("Asia/Shanghai")
FILTER_ERROR = "筛选条件有误，请按提示修改后再试。"


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


def titles(response) -> set[str]:
    return {article.title for article in response.context["page_obj"].object_list}


@pytest.fixture
def site():
    """Articles across columns, zones and regions, plus some the public must never see."""
    dongtai = CategoryFactory(name="协会动态", slug="dongtai")
    kuaixun = CategoryFactory(name="园区快讯", slug="kuaixun")
    zones = {
        "changsha": ZoneFactory(name="长沙经济技术开发区", region=region("430102")),
        "changsha_city": ZoneFactory(name="长沙市级产业园", region=region("430100")),
        "zhuzhou": ZoneFactory(name="株洲高新技术产业开发区", region=region("430202")),
        "wuhan": ZoneFactory(name="武汉经济技术开发区", region=region("420102")),
    }
    make = ArticleFactory
    make(title="协会召开理事会", category=dongtai, published_at=local(2025, 3, 1, 9))
    make(
        title="长沙经开区签约新能源项目",
        summary="总投资五十亿元",
        category=kuaixun,
        zone=zones["changsha"],
        published_at=local(2025, 3, 5, 10),
    )
    make(
        title="长沙市级园区工业投资增长",
        category=kuaixun,
        zone=zones["changsha_city"],
        published_at=local(2025, 3, 6, 10),
    )
    make(
        title="株洲高新区轨道交通产业集群",
        category=kuaixun,
        zone=zones["zhuzhou"],
        published_at=local(2025, 3, 8, 10),
    )
    make(
        title="武汉经开区汽车产业",
        category=dongtai,
        zone=zones["wuhan"],
        published_at=local(2025, 3, 9, 10),
    )
    # Never public, whatever the filter.
    make(
        title="长沙经开区草稿",
        category=kuaixun,
        zone=zones["changsha"],
        status=Article.Status.DRAFT,
        published_at=local(2025, 3, 5, 11),
    )
    make(
        title="长沙经开区定时稿",
        category=kuaixun,
        zone=zones["changsha"],
        published_at=timezone.now() + dt.timedelta(days=2),
    )
    return zones


ALL_PUBLIC = {
    "协会召开理事会",
    "长沙经开区签约新能源项目",
    "长沙市级园区工业投资增长",
    "株洲高新区轨道交通产业集群",
    "武汉经开区汽车产业",
}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ALL_PUBLIC),
        ({"category": "dongtai"}, {"协会召开理事会", "武汉经开区汽车产业"}),
        ({"zone": "changshajingjijishukaifaqu"}, {"长沙经开区签约新能源项目"}),
        (
            {"region": "430000"},
            {"长沙经开区签约新能源项目", "长沙市级园区工业投资增长", "株洲高新区轨道交通产业集群"},
        ),
        ({"region": "430100"}, {"长沙经开区签约新能源项目", "长沙市级园区工业投资增长"}),
        ({"region": "430102"}, {"长沙经开区签约新能源项目"}),
        ({"region": "420100"}, {"武汉经开区汽车产业"}),
        ({"region": "440000"}, set()),
        (
            {"date_from": "2025-03-06"},
            {"长沙市级园区工业投资增长", "株洲高新区轨道交通产业集群", "武汉经开区汽车产业"},
        ),
        ({"date_to": "2025-03-05"}, {"协会召开理事会", "长沙经开区签约新能源项目"}),
        (
            {"date_from": "2025-03-05", "date_to": "2025-03-06"},
            {"长沙经开区签约新能源项目", "长沙市级园区工业投资增长"},
        ),
        ({"q": "新能源"}, {"长沙经开区签约新能源项目"}),
        ({"q": "五十亿"}, {"长沙经开区签约新能源项目"}),  # in the summary
        ({"q": "经开区 汽车"}, {"武汉经开区汽车产业"}),  # every word must match
        ({"q": "草稿"}, set()),
        (
            {"category": "kuaixun", "region": "430000", "date_from": "2025-03-06"},
            {"长沙市级园区工业投资增长", "株洲高新区轨道交通产业集群"},
        ),
        ({"category": "dongtai", "region": "430000"}, set()),
        ({"region": "430100", "q": "工业"}, {"长沙市级园区工业投资增长"}),
        (
            {"region": "430100", "q": "投资"},
            {"长沙经开区签约新能源项目", "长沙市级园区工业投资增长"},
        ),
        ({"zone": "changshajingjijishukaifaqu", "date_to": "2025-03-04"}, set()),
    ],
)
def test_filters_alone_and_combined(client, site, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert titles(response) == expected
    html = response.content.decode()
    assert "长沙经开区草稿" not in html and "长沙经开区定时稿" not in html
    if not expected and "q" in params:
        assert f"没有找到与“{params['q']}”相关的文章。" in html
    elif not expected:
        assert "没有符合条件的文章，请放宽筛选条件再试。" in html


def test_date_range_is_inclusive_in_shanghai_time(client):
    inside = [local(2025, 5, 1, 0, 10), local(2025, 5, 2, 23, 30)]
    outside = [local(2025, 4, 30, 23, 50), local(2025, 5, 3, 0, 10)]
    for moment in inside + outside:
        ArticleFactory(title=f"{moment:%m月%d日%H时%M分}", published_at=moment)
    response = client.get(URL, {"date_from": "2025-05-01", "date_to": "2025-05-02"})
    assert titles(response) == {"05月01日00时10分", "05月02日23时30分"}
    response = client.get(URL, {"date_from": "2025-05-02", "date_to": "2025-05-02"})
    assert titles(response) == {"05月02日23时30分"}


def test_pagination_keeps_the_filters(client):
    column = CategoryFactory(slug="kuaixun")
    ArticleFactory.create_batch(25, category=column, title="园区快讯新闻")
    ArticleFactory.create_batch(3, title="其他栏目新闻")
    params = {"category": "kuaixun", "q": "园区", "region": ""}
    response = client.get(URL, params)
    page = response.context["page_obj"]
    assert page.paginator.count == 25
    assert len(page.object_list) == 20
    html = response.content.decode()
    assert "共 25 条" in html
    next_href = unescape(re.search(r'<a href="([^"]+)" rel="next">', html).group(1))
    assert "category=kuaixun" in next_href
    assert "q=%E5%9B%AD%E5%8C%BA" in next_href
    assert "page=2" in next_href
    response = client.get(URL + next_href)
    assert len(response.context["page_obj"].object_list) == 5
    assert titles(response) == {"园区快讯新闻"}
    prev_href = unescape(
        re.search(r'<a href="([^"]+)" rel="prev">', response.content.decode()).group(1)
    )
    assert "category=kuaixun" in prev_href and "page=1" in prev_href


@pytest.mark.parametrize(
    "query, message",
    [
        ("zone=no-such-zone", "没有这个园区，请从列表中选择。"),
        ("category=no-such-column", "没有这个栏目，请从列表中选择。"),
        ("region=abc", "没有这个地区代码，请从列表中选择。"),
        ("region=999999", "没有这个地区代码，请从列表中选择。"),
        ("region=43", "没有这个地区代码，请从列表中选择。"),
        ("date_from=yesterday", "请按“年-月-日”格式输入日期，例如 2025-03-01。"),
        ("date_to=2025-13-45", "请按“年-月-日”格式输入日期，例如 2025-03-01。"),
        ("date_from=2025-03-09&date_to=2025-03-01", "起始日期不能晚于截止日期。"),
        ("q=" + "关" * 5000, "关键词太长了，请不要超过 100 个字。"),
        (
            "zone=no-such-zone&zone=changshajingjijishukaifaqu&category=x&category=y",
            "没有这个栏目，请从列表中选择。",
        ),
    ],
)
def test_bad_input_shows_a_message_and_no_articles(client, site, query, message):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert FILTER_ERROR in html
    assert titles(response) == set()


def test_inactive_zone_is_unknown_to_the_filter(client, site):
    site["changsha"].is_active = False
    site["changsha"].save()
    response = client.get(URL, {"zone": site["changsha"].slug})
    assert "没有这个园区，请从列表中选择。" in response.content.decode()


@pytest.mark.parametrize("page", ["-1", "abc", "0", "99999", "1.5", "9" * 400])
def test_bad_page_numbers_give_a_normal_page(client, page):
    ArticleFactory.create_batch(25)
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number in (1, 2)
    assert len(response.context["page_obj"].object_list) in (20, 5)


def test_repeated_parameters_use_one_value(client, site):
    response = client.get(f"{URL}?region=420000&region=430000&category=kuaixun&category=kuaixun")
    assert response.status_code == 200
    assert titles(response) == {
        "长沙经开区签约新能源项目",
        "长沙市级园区工业投资增长",
        "株洲高新区轨道交通产业集群",
    }


def test_region_select_offers_provinces_with_zones_and_the_cities_of_the_selected_one(client, site):
    ZoneFactory(name="不在网站显示的广东园区", region=region("440103"), is_active=False)
    choices = client.get(URL).context["filter"].form.fields["region"].widget.choices
    assert choices == [("", "全部地区"), ("420000", "湖北省"), ("430000", "湖南省")]

    response = client.get(URL, {"region": "430000"})
    choices = response.context["filter"].form.fields["region"].widget.choices
    assert choices == [
        ("", "全部地区"),
        ("420000", "湖北省"),
        ("430000", "湖南省"),
        ("430100", "\u3000长沙市"),
        ("430200", "\u3000株洲市"),
    ]
    html = response.content.decode()
    assert '<option value="430000" selected>湖南省</option>' in html
    assert '<option value="430100">\u3000长沙市</option>' in html


@pytest.mark.parametrize("count", [5, 40])
def test_query_count_does_not_grow_with_articles(client, django_assert_max_num_queries, count):
    columns = CategoryFactory.create_batch(3)
    zones = [ZoneFactory(region=region(code)) for code in ("430102", "430202", "420102")]
    for n in range(count):
        ArticleFactory(category=columns[n % 3], zone=zones[n % 3] if n % 4 else None)
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert len(response.context["page_obj"].object_list) == min(count, 20)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"region": "430000", "page": "2", "q": "园区"})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params", [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}, {"date_to": "9999/12/31"}]
)
def test_far_dates_give_a_message_not_an_error(client, params):
    response = client.get("/news/", params)
    assert response.status_code == 200
    assert "1900 年到 2100 年之间" in response.content.decode()


def test_a_warm_filtered_list_costs_one_query(client, site, django_assert_num_queries):
    zone = Article.objects.published().filter(zone__region__code__startswith="43").first().zone
    params = {"zone": zone.slug, "region": "430000", "date_from": "2024-01-01"}
    client.get(URL, params)  # options, regions and the count are kept per content version
    # The page of articles: the options, the chosen zone and region (kept per content
    # version) and the count are remembered.
    with django_assert_num_queries(1):
        response = client.get(URL, params)
    assert response.status_code == 200 and titles(response)


def test_the_options_follow_a_change_at_once(client, site):
    html = client.get(URL).content.decode()
    assert "新设立的开发区" not in html
    zone = ZoneFactory(name="新设立的开发区", region=region("360102"))
    html = client.get(URL).content.decode()
    assert f'<option value="{zone.slug}">新设立的开发区</option>' in html
    assert '<option value="360000">江西省</option>' in html
    zone.is_active = False
    zone.save()
    html = client.get(URL).content.decode()
    assert "新设立的开发区" not in html and "江西省" not in html


def test_choices_remembered_per_version_still_refuse_what_is_not_public(client, site):
    zone = ZoneFactory(name="停用的开发区", region=region("430102"))
    assert client.get(URL, {"zone": zone.slug}).status_code == 200
    assert FILTER_ERROR not in client.get(URL, {"zone": zone.slug}).content.decode()
    zone.is_active = False
    zone.save()
    for _ in range(2):
        html = client.get(URL, {"zone": zone.slug}).content.decode()
        assert FILTER_ERROR in html and "没有这个园区" in html
    for bad in ("no-such-zone", "x" * 300):
        assert "没有这个园区" in client.get(URL, {"zone": bad}).content.decode()
    assert "没有这个地区代码" in client.get(URL, {"region": "999999"}).content.decode()


def test_made_up_values_are_not_kept(client, site):
    from members import filters

    for n in range(5):
        client.get(URL, {"zone": f"made-up-{n}", "region": f"99{n:04d}"})
    kept = [key for key in filters._chosen._values if key[0] == "published-zones"]
    assert kept == []
    zone = Article.objects.published().filter(zone__isnull=False).first().zone
    client.get(URL, {"zone": zone.slug})
    assert ("published-zones", zone.slug) in filters._chosen._values
