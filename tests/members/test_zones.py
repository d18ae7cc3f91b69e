"""Member zones: slugs, the /zones/ directory with its filters, and zone pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Zone, pinyin_slug
from news.models import Article
from tests.factories import ArticleFactory, ZoneFactory, region

pytestmark = pytest.mark.django_db

ZONES_URL = "/zones/"
FILTER_ERROR = "筛选条件有误，请按提示修改后再试。"


def zone_names(response) -> set[str]:
    return {zone.name for zone in response.context["page_obj"].object_list}


@pytest.fixture
def directory():
    """Zones in two provinces, of several kinds and levels, one of them hidden."""
    return {
        "changsha": ZoneFactory(
            name="长沙经济技术开发区",
            short_name="长沙经开区",
            region=region("430102"),
            level=Zone.Level.NATIONAL,
            kind=Zone.Kind.ETDZ,
            industries="工程机械、汽车及零部件",
        ),
        "zhuzhou": ZoneFactory(
            name="株洲高新技术产业开发区",
            region=region("430202"),
            level=Zone.Level.NATIONAL,
            kind=Zone.Kind.HIDZ,
            industries="轨道交通装备",
        ),
        "wangcheng": ZoneFactory(
            name="望城经济技术开发区",
            region=region("430112"),
            level=Zone.Level.PROVINCIAL,
            kind=Zone.Kind.ETDZ,
            industries="食品加工",
        ),
        "wuhan": ZoneFactory(
            name="武汉东湖综合保税区",
            region=region("420111"),
            level=Zone.Level.NATIONAL,
            kind=Zone.Kind.BONDED,
            industries="光电子信息",
        ),
        "hidden": ZoneFactory(
            name="已撤销的工业园区",
            region=region("430103"),
            level=Zone.Level.MUNICIPAL,
            kind=Zone.Kind.INDUSTRIAL,
            is_active=False,
        ),
    }


def test_slug_is_the_pinyin_of_the_short_name():
    zone = ZoneFactory(name="长沙经济技术开发区", short_name="长沙经开区")
    assert zone.slug == "changshajingkaiqu"
    assert zone.get_absolute_url() == "/zones/changshajingkaiqu/"
    assert pinyin_slug("株洲高新区") == "zhuzhougaoxinqu"


def test_slug_falls_back_to_the_name_and_keeps_an_explicit_slug():
    assert ZoneFactory(name="湘潭综合保税区").slug == "xiangtanzonghebaoshuiqu"
    assert ZoneFactory(name="岳阳经开区", slug="yueyang").slug == "yueyang"


def test_slug_gets_a_suffix_on_collision():
    first = ZoneFactory(name="长沙经济技术开发区", short_name="长沙经开区")
    second = ZoneFactory(name="长沙县经济技术开发区", short_name="长沙经开区")
    third = ZoneFactory(name="长沙市经济技术开发区", short_name="长沙经开区")
    assert [first.slug, second.slug, third.slug] == [
        "changshajingkaiqu",
        "changshajingkaiqu-2",
        "changshajingkaiqu-3",
    ]
    # Saving again keeps the slug (the zone does not collide with itself).
    second.industries = "新材料"
    second.save()
    second.refresh_from_db()
    assert second.slug == "changshajingkaiqu-2"


def test_directory_lists_active_zones_only(client, directory):
    response = client.get(ZONES_URL)
    assert response.status_code == 200
    assert zone_names(response) == {
        "长沙经济技术开发区",
        "株洲高新技术产业开发区",
        "望城经济技术开发区",
        "武汉东湖综合保税区",
    }
    html = response.content.decode()
    assert "长沙经济技术开发区" in html
    assert "已撤销的工业园区" not in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"region": "430000"}, {"changsha", "zhuzhou", "wangcheng"}),
        ({"region": "430100"}, {"changsha", "wangcheng"}),
        ({"region": "430102"}, {"changsha"}),
        ({"region": "420000"}, {"wuhan"}),
        ({"region": "440000"}, set()),
        ({"level": "national"}, {"changsha", "zhuzhou", "wuhan"}),
        ({"level": "provincial"}, {"wangcheng"}),
        ({"kind": "etdz"}, {"changsha", "wangcheng"}),
        ({"kind": "bonded"}, {"wuhan"}),
        ({"kind": "industrial"}, set()),  # only the hidden zone is an industrial park
        ({"q": "经开区"}, {"changsha"}),  # short name
        ({"q": "株洲"}, {"zhuzhou"}),  # name
        ({"q": "轨道交通"}, {"zhuzhou"}),  # industries
        ({"q": "经济技术 望城"}, {"wangcheng"}),  # every word must match
        ({"region": "430000", "level": "national"}, {"changsha", "zhuzhou"}),
        ({"region": "430000", "kind": "etdz", "level": "national"}, {"changsha"}),
        ({"region": "430100", "q": "食品"}, {"wangcheng"}),
        ({"region": "420000", "kind": "etdz"}, set()),
    ],
)
def test_directory_filters(client, directory, params, expected):
    response = client.get(ZONES_URL, params)
    assert response.status_code == 200
    assert zone_names(response) == {directory[key].name for key in expected}
    if not expected:
        assert "没有符合条件的园区。" in response.content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"region": "999999"}, "没有这个地区代码，请从列表中选择。"),
        ({"region": "abc"}, "没有这个地区代码，请从列表中选择。"),
        ({"level": "galactic"}, "没有这个级别"),
        ({"kind": "<script>"}, "没有这个类型"),
        ({"q": "园" * 5000}, "名称太长了，请不要超过 50 个字。"),
    ],
)
def test_directory_bad_input_gives_a_message_and_no_zones(client, directory, params, message):
    response = client.get(ZONES_URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert FILTER_ERROR in html
    assert zone_names(response) == set()
    assert "<script>" not in html  # a rejected value is shown escaped, never as markup


def test_directory_region_select_offers_provinces_with_zones(client, directory):
    response = client.get(ZONES_URL, {"region": "430000"})
    choices = dict(response.context["filter"].form.fields["region"].widget.choices)
    assert choices["430000"] == "湖南省"
    assert choices["420000"] == "湖北省"
    assert choices["430100"] == "\u3000长沙市"
    assert choices["430200"] == "\u3000株洲市"
    assert "440000" not in choices  # no zone in 广东
    assert "420100" not in choices  # cities only under the selected province


def test_zone_page_shows_profile_and_only_its_published_articles(client, directory):
    changsha = directory["changsha"]
    changsha.contact_phone = "0731-12345678"
    changsha.save()
    now = timezone.now()
    mine = ArticleFactory(zone=changsha, title="长沙经开区签约重大项目")
    ArticleFactory(zone=changsha, title="长沙经开区草稿", status=Article.Status.DRAFT)
    ArticleFactory(zone=changsha, title="长沙经开区待审", status=Article.Status.PENDING)
    ArticleFactory(zone=changsha, title="长沙经开区定时稿", published_at=now + dt.timedelta(days=1))
    ArticleFactory(zone=directory["zhuzhou"], title="株洲高新区新闻")

    response = client.get(changsha.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-title">长沙经济技术开发区</h1>' in html
    for text in [
        "国家级",
        "经济技术开发区",
        "湖南省",
        "长沙市",
        "芙蓉区",
        "工程机械",
        "0731-12345678",
    ]:
        assert text in html
    assert f'href="{reverse("members:zone-list")}?region=430100"' in html
    assert list(response.context["page_obj"].object_list) == [mine]
    assert "长沙经开区签约重大项目" in html
    for hidden in ["长沙经开区草稿", "长沙经开区待审", "长沙经开区定时稿", "株洲高新区新闻"]:
        assert hidden not in html


def test_zone_page_404_for_hidden_or_unknown_zone(client, directory):
    hidden = directory["hidden"]
    assert client.get(hidden.get_absolute_url()).status_code == 404
    response = client.get("/zones/no-such-zone/")
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in response.content.decode()


@pytest.mark.parametrize("count", [5, 30])
def test_directory_query_count_does_not_grow_with_zones(
    client, django_assert_max_num_queries, count
):
    provinces = ["430102", "430202", "420111", "110108", "320505"]
    for n in range(count):
        ZoneFactory(region=region(provinces[n % len(provinces)]))
    # 9: one query per content version finds the next scheduled publish time (core.cache).
    with django_assert_max_num_queries(9):
        response = client.get(ZONES_URL, {"region": "430000"})
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get(ZONES_URL)
    assert len(response.context["page_obj"].object_list) == min(count, 24)


@pytest.mark.parametrize("count", [5, 30])
def test_zone_page_query_count_does_not_grow_with_articles(
    client, django_assert_max_num_queries, count
):
    zone = ZoneFactory(name="长沙经济技术开发区", short_name="长沙经开区")
    ArticleFactory.create_batch(count, zone=zone)
    with django_assert_max_num_queries(8):
        response = client.get(zone.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == min(count, 20)
