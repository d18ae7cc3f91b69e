"""Publishing rules and the article page: preview, view count, breadcrumbs, neighbours."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory, ZoneFactory

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def same(neighbour, article) -> bool:
    """Whether a 上一篇/下一篇 value shows ``article`` (both missing counts as the same)."""
    if neighbour is None or article is None:
        return neighbour is article
    return (neighbour.pk, neighbour.title) == (article.pk, article.title)


@pytest.fixture
def previewer(client):
    user = StaffFactory(username="bianji")
    user.user_permissions.add(Permission.objects.get(codename="preview_article"))
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "status",
    [
        Article.Status.DRAFT,
        Article.Status.PENDING,
        Article.Status.RETURNED,
        Article.Status.REJECTED,
        Article.Status.ARCHIVED,
    ],
)
def test_published_excludes_unpublished_statuses(status):
    hidden = ArticleFactory(status=status, title="未公开的文章")
    shown = ArticleFactory(title="已发布的文章")
    assert list(Article.objects.published()) == [shown]
    assert not hidden.is_public
    assert shown.is_public


def test_scheduled_article_appears_once_its_time_passes(monkeypatch):
    now = timezone.now()
    scheduled = ArticleFactory(title="定时发布的通知", published_at=now + 2 * HOUR)
    assert scheduled not in Article.objects.published()
    assert not scheduled.is_public

    monkeypatch.setattr(timezone, "now", lambda: now + 3 * HOUR)
    assert list(Article.objects.published()) == [scheduled]
    assert scheduled.is_public


def test_scheduled_article_page_opens_when_moved_into_the_past(client):
    article = ArticleFactory(title="定时发布的新闻", published_at=timezone.now() + HOUR)
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - HOUR)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "定时发布的新闻" in response.content.decode()


def test_published_article_page(client):
    article = ArticleFactory(
        title="协会召开年度理事会",
        source="协会秘书处",
        author="张三",
        body="<p>会议审议通过了工作报告。</p>",
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["协会召开年度理事会", "协会秘书处", "张三", "会议审议通过了工作报告。", "点击量"]:
        assert text in html
    assert "preview-banner" not in html
    assert "no-cache" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PENDING},
        {"published_at": timezone.now() + dt.timedelta(days=3)},
    ],
)
def test_unpublished_article_is_404_for_anonymous_and_plain_staff(client, kwargs):
    article = ArticleFactory(title="尚未公开的文章", **kwargs)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "尚未公开的文章" not in response.content.decode()
    client.force_login(StaffFactory(username="no-preview"))
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "kwargs, status_label",
    [
        ({"status": Article.Status.DRAFT}, "草稿"),
        ({"published_at": timezone.now() + dt.timedelta(days=3)}, "已发布"),
    ],
)
def test_preview_for_staff_with_permission(client, previewer, kwargs, status_label):
    article = ArticleFactory(title="待发布的政策解读", **kwargs)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "待发布的政策解读" in html
    assert f"预览：本文尚未公开（{status_label}）" in html
    cache_control = response["Cache-Control"]
    for directive in ["no-cache", "no-store", "must-revalidate", "private"]:
        assert directive in cache_control
    article.refresh_from_db()
    assert article.view_count == 0


def test_view_count_increments_by_one_per_view(client):
    article = ArticleFactory(title="园区招商引资成果丰硕")
    for expected in (1, 2, 3):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.view_count == expected
    assert response.context["article"].view_count == 3


def test_breadcrumbs_show_the_column_and_its_parent(client):
    parent = CategoryFactory(name="新闻中心", slug="xinwen")
    column = CategoryFactory(name="园区快讯", slug="yuanqu", parent=parent)
    article = ArticleFactory(title="开发区新签约项目十个", category=column)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    crumbs = html.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/news/">资讯中心</a>' in crumbs
    assert '<a href="/news/?category=xinwen">新闻中心</a>' in crumbs
    assert '<a href="/news/?category=yuanqu">园区快讯</a>' in crumbs
    assert '<span aria-current="page">正文</span>' in crumbs
    assert crumbs.index("新闻中心") < crumbs.index("园区快讯")


def test_previous_and_next_stay_within_the_column(client):
    now = timezone.now()
    news = CategoryFactory(name="协会动态", slug="dongtai")
    other = CategoryFactory(name="通知公告", slug="tongzhi")
    first = ArticleFactory(title="第一篇协会动态", category=news, published_at=now - 5 * HOUR)
    ArticleFactory(title="其他栏目的通知", category=other, published_at=now - 4 * HOUR)
    ArticleFactory(
        title="同栏目的草稿",
        category=news,
        status=Article.Status.DRAFT,
        published_at=now - 3 * HOUR,
    )
    second = ArticleFactory(title="第二篇协会动态", category=news, published_at=now - 2 * HOUR)
    ArticleFactory(title="同栏目定时稿", category=news, published_at=now + 2 * HOUR)

    response = client.get(first.get_absolute_url())
    assert response.context["previous"] is None
    assert same(response.context["next"], second)
    html = response.content.decode()
    assert f'<a href="{second.get_absolute_url()}" rel="next">第二篇协会动态</a>' in html
    assert "上一篇" in html and "没有了" in html
    for skipped in ["其他栏目的通知", "同栏目的草稿", "同栏目定时稿"]:
        assert skipped not in html

    response = client.get(second.get_absolute_url())
    assert same(response.context["previous"], first)
    assert response.context["next"] is None
    html = response.content.decode()
    assert f'<a href="{first.get_absolute_url()}" rel="prev">第一篇协会动态</a>' in html


def test_neighbours_with_the_same_publish_time_are_ordered_by_id(client):
    moment = timezone.now() - HOUR
    column = CategoryFactory()
    a, b, c = ArticleFactory.create_batch(3, category=column, published_at=moment)
    response = client.get(b.get_absolute_url())
    assert same(response.context["previous"], a)
    assert same(response.context["next"], c)


def test_related_articles_exclude_itself(client):
    zone = ZoneFactory(name="长沙经济技术开发区")
    column = CategoryFactory(name="园区快讯")
    article = ArticleFactory(title="长沙经开区新闻甲", category=column, zone=zone)
    sibling = ArticleFactory(title="长沙经开区新闻乙", category=column, zone=zone)
    ArticleFactory(title="别的园区新闻", category=column, zone=ZoneFactory())
    ArticleFactory(title="别的栏目新闻", zone=zone)
    response = client.get(article.get_absolute_url())
    related = response.context["related"]
    assert related == [sibling]
    assert article not in related
    assert "相关文章" in response.content.decode()


def test_font_size_buttons_are_present(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'aria-label="字体大小"' in html
    for size in ["large", "medium", "small"]:
        assert f'data-font-size="{size}"' in html


@pytest.mark.parametrize(
    "url",
    ["/news/999999/", "/news/0/", "/news/abc/", "/news/-1/", "/news/99999999999999999999/"],
)
def test_bad_article_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in response.content.decode()


def test_article_page_query_count(client, django_assert_max_num_queries):
    zone = ZoneFactory()
    column = CategoryFactory()
    ArticleFactory.create_batch(10, category=column, zone=zone)
    article = ArticleFactory(category=column, zone=zone)
    with django_assert_max_num_queries(10):
        response = client.get(article.get_absolute_url())
    assert len(response.context["related"]) == 5


def test_article_page_queries_once_the_site_chrome_is_read(client, django_assert_num_queries):
    zone, column = ZoneFactory(), CategoryFactory()
    first, second = ArticleFactory.create_batch(2, category=column, zone=zone)
    client.get(first.get_absolute_url())  # reads the chrome and the column's newest articles
    # The article with both neighbours in one statement, and the view (written at once in
    # tests); its column and zone come from the catalog of the content version.
    with django_assert_num_queries(2):
        response = client.get(second.get_absolute_url())
    assert response.context["related"] == [first]


def test_related_articles_change_right_after_a_publish(client):
    zone, column = ZoneFactory(), CategoryFactory()
    article = ArticleFactory(category=column, zone=zone)
    assert client.get(article.get_absolute_url()).context["related"] == []
    newer = ArticleFactory(category=column, zone=zone, title="刚刚发布的相关文章")
    response = client.get(article.get_absolute_url())
    assert response.context["related"] == [newer]
    assert "刚刚发布的相关文章" in response.content.decode()
    newer.status = Article.Status.ARCHIVED
    newer.save()
    assert client.get(article.get_absolute_url()).context["related"] == []


@pytest.mark.django_db
def test_previous_and_next_walk_articles_published_at_the_same_moment(client):
    from tests.factories import ArticleFactory, CategoryFactory

    column = CategoryFactory()
    when = timezone.now() - dt.timedelta(days=1)
    first, second, third = (
        ArticleFactory(category=column, title=f"同一时刻{n}", published_at=when) for n in range(3)
    )
    response = client.get(second.get_absolute_url())
    assert response.context["previous"].pk == first.pk
    assert response.context["next"].pk == third.pk
    assert client.get(first.get_absolute_url()).context["previous"] is None
    assert client.get(third.get_absolute_url()).context["next"] is None


def test_neighbours_follow_the_public_order_of_the_column():
    column, other = CategoryFactory(), CategoryFactory()
    start = timezone.now() - dt.timedelta(days=10)
    for hours in (0, 1, 1, 1, 2, 5):  # three published at the same moment
        ArticleFactory(category=column, published_at=start + dt.timedelta(hours=hours))
    ArticleFactory(category=column, published_at=start + dt.timedelta(hours=3), status="draft")
    ArticleFactory(category=column, published_at=timezone.now() + dt.timedelta(days=1))
    ArticleFactory(category=other, published_at=start + dt.timedelta(hours=3))
    ordered = list(
        Article.objects.published().filter(category=column).order_by("published_at", "pk")
    )
    assert len(ordered) == 6
    for i, article in enumerate(ordered):
        found = Article.objects.with_neighbours(article.pk).neighbours
        assert same(found.get("previous"), ordered[i - 1] if i else None)
        assert same(found.get("next"), ordered[i + 1] if i + 1 < len(ordered) else None)
        if "previous" in found:
            assert found["previous"].get_absolute_url() == ordered[i - 1].get_absolute_url()


def test_zone_and_column_edits_show_at_once_on_the_article_page(client):
    """The column and zone come from the per-version catalog (news.catalog): an edit
    makes a new version, so the very next page shows it."""
    parent = CategoryFactory(name="资讯中心下的大栏目")
    column = CategoryFactory(name="旧栏目名", parent=parent)
    zone = ZoneFactory(name="旧园区名")
    article = ArticleFactory(category=column, zone=zone)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "旧栏目名" in html and "旧园区名" in html and "资讯中心下的大栏目" in html
    column.name, zone.name = "新栏目名", "新园区名"
    column.save()
    zone.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "新栏目名" in html and "新园区名" in html
    assert "旧栏目名" not in html and "旧园区名" not in html
    zone.is_active = False
    zone.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{zone.get_absolute_url()}"' not in html  # an inactive zone is not linked


def test_a_related_article_edit_shows_at_once(client):
    zone, column = ZoneFactory(), CategoryFactory()
    article = ArticleFactory(category=column, zone=zone)
    related = ArticleFactory(category=column, zone=zone, title="相关文章的旧标题")
    assert "相关文章的旧标题" in client.get(article.get_absolute_url()).content.decode()
    related.title = "相关文章的新标题"
    related.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "相关文章的新标题" in html and "相关文章的旧标题" not in html


def test_article_read_in_one_statement_matches_the_orm():
    zone = ZoneFactory()
    article = ArticleFactory(zone=zone, view_count=12, is_pinned=True, source="新华社")
    found = Article.objects.with_neighbours(article.pk)
    loaded = Article.objects.defer("search_document").get(pk=article.pk)
    for field in Article._meta.concrete_fields:
        if field.name != "search_document":
            assert getattr(found, field.attname) == getattr(loaded, field.attname), field.name
    assert found.get_deferred_fields() == {"search_document"}
    assert Article.objects.with_neighbours(article.pk + 1000) is None
