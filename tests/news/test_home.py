"""The home page blocks and the cached footer chrome."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from association.models import SiteSettings
from members.models import Zone
from news.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    LinkFactory,
    LinkGroupFactory,
    PageFactory,
    ZoneFactory,
)

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def png(name="cover.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 9), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def section(html: str, marker: str) -> str:
    """The HTML of the <section> whose opening tag contains ``marker``."""
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


def test_carousel_shows_published_articles_with_a_cover(client):
    slide = ArticleFactory(
        title="开发区建设新成就", is_carousel=True, cover=png(), cover_alt="园区全景航拍"
    )
    ArticleFactory(title="没有封面的幻灯", is_carousel=True)
    ArticleFactory(title="草稿幻灯", is_carousel=True, cover=png(), status=Article.Status.DRAFT)
    ArticleFactory(
        title="未到时间的幻灯", is_carousel=True, cover=png(), published_at=timezone.now() + HOUR
    )
    ArticleFactory(title="不是幻灯的文章", cover=png())
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["carousel"] == [slide]
    carousel = section(response.content.decode(), 'class="carousel"')
    assert slide.cover.url.startswith("/media/covers/")
    # Served as resized renditions (django-imagekit) with a srcset, never the upload itself.
    assert 'src="/media/CACHE/images/covers/' in carousel
    assert " 480w, " in carousel and " 1440w" in carousel
    assert 'alt="园区全景航拍"' in carousel
    assert "开发区建设新成就" in carousel
    for title in ["没有封面的幻灯", "草稿幻灯", "未到时间的幻灯", "不是幻灯的文章"]:
        assert title not in carousel


def test_carousel_holds_at_most_five(client):
    for n in range(7):
        ArticleFactory(is_carousel=True, cover=png(), published_at=timezone.now() - n * HOUR)
    assert len(client.get("/").context["carousel"]) == 5


def test_headline_is_the_newest_published_headline(client):
    ArticleFactory(title="旧头条", is_headline=True, published_at=timezone.now() - 5 * HOUR)
    ArticleFactory(title="新头条", is_headline=True, summary="头条摘要内容")
    ArticleFactory(title="草稿头条", is_headline=True, status=Article.Status.DRAFT)
    html = client.get("/").content.decode()
    headline = html[html.index('class="headline"') : html.index("</article>")]
    assert "新头条" in headline and "头条摘要内容" in headline
    assert "旧头条" not in headline and "草稿头条" not in html


def test_latest_per_column_published_only_at_most_eight_pinned_first(client):
    column = CategoryFactory(name="园区快讯", slug="kuaixun", order=1)
    hidden_column = CategoryFactory(name="内部栏目", slug="neibu", show_on_home=False)
    now = timezone.now()
    for n in range(10):
        ArticleFactory(title=f"快讯第{n}条", category=column, published_at=now - (n + 1) * HOUR)
    ArticleFactory(
        title="置顶的旧快讯", category=column, is_pinned=True, published_at=now - 100 * HOUR
    )
    ArticleFactory(title="快讯草稿", category=column, status=Article.Status.DRAFT)
    ArticleFactory(title="快讯定时稿", category=column, published_at=now + HOUR)
    ArticleFactory(title="内部文章", category=hidden_column)

    response = client.get("/")
    (block,) = response.context["columns"]
    assert block == column
    assert [a.title for a in block.latest] == ["置顶的旧快讯"] + [f"快讯第{n}条" for n in range(7)]
    html = section(response.content.decode(), f'id="column-{column.pk}"')
    assert '<span class="tag tag-pin">置顶</span>置顶的旧快讯' in html
    assert html.index("置顶的旧快讯") < html.index("快讯第0条")
    assert 'href="/news/?category=kuaixun"' in html
    for title in ["快讯第7条", "快讯草稿", "快讯定时稿", "内部文章", "内部栏目"]:
        assert title not in response.content.decode()


def test_notices_block_uses_the_notices_column(client):
    notices = CategoryFactory(name="通知公告", slug="notices")
    other = CategoryFactory(name="协会动态", slug="dongtai")
    ArticleFactory(title="关于召开年会的通知", category=notices)
    ArticleFactory(title="协会走访会员单位", category=other)
    response = client.get("/")
    assert response.context["notices"] == notices
    assert response.context["columns"] == [other]
    block = section(response.content.decode(), 'class="block notices"')
    assert "通知公告" in block and "关于召开年会的通知" in block
    assert "协会走访会员单位" not in block


def test_zone_highlights_show_president_and_vice_president_zones(client):
    ZoneFactory(name="长沙经济技术开发区", role=Zone.Role.PRESIDENT)
    ZoneFactory(name="株洲高新技术产业开发区", role=Zone.Role.VICE_PRESIDENT)
    ZoneFactory(name="普通会员园区", role=Zone.Role.MEMBER)
    ZoneFactory(name="理事单位园区", role=Zone.Role.DIRECTOR)
    ZoneFactory(name="停用的会长单位", role=Zone.Role.PRESIDENT, is_active=False)
    response = client.get("/")
    assert {z.name for z in response.context["zones"]} == {
        "长沙经济技术开发区",
        "株洲高新技术产业开发区",
    }
    block = section(response.content.decode(), 'class="block zone-highlights"')
    assert "会员风采" in block and "会长单位" in block and "副会长单位" in block
    for name in ["普通会员园区", "理事单位园区", "停用的会长单位"]:
        assert name not in block


def test_association_intro_comes_from_the_intro_page(client):
    PageFactory(
        title="协会简介", slug="intro", summary="本会成立于二〇〇五年，是全省开发区的联合组织。"
    )
    response = client.get("/")
    block = section(response.content.decode(), 'class="block intro"')
    assert "协会简介" in block
    assert "本会成立于二〇〇五年" in block
    assert 'href="/about/intro/"' in block
    assert "了解更多" in block


def test_unpublished_intro_is_not_shown(client):
    PageFactory(title="协会简介", slug="intro", summary="尚未公开的简介", is_published=False)
    response = client.get("/")
    assert response.context["intro"] is None
    assert "尚未公开的简介" not in response.content.decode()


def test_empty_site_home_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "<title>开发区协会</title>" in response.content.decode()


@pytest.mark.parametrize("per_column", [3, 30])
def test_home_query_count_does_not_grow(client, django_assert_max_num_queries, per_column):
    columns = [CategoryFactory(slug=slug) for slug in ("notices", "dongtai", "kuaixun", "zhengce")]
    zone = ZoneFactory(role=Zone.Role.PRESIDENT)
    ZoneFactory(role=Zone.Role.VICE_PRESIDENT)
    PageFactory(slug="intro", summary="协会简介摘要")
    LinkFactory.create_batch(3, group=LinkGroupFactory())
    now = timezone.now()
    for column in columns:
        for n in range(per_column):
            ArticleFactory(
                category=column,
                zone=zone if n % 2 else None,
                is_pinned=n == 1,
                published_at=now - (n + 1) * HOUR,
            )
    ArticleFactory(is_carousel=True, is_headline=True, cover=png(), zone=zone)
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert all(len(c.latest) == min(per_column, 8) for c in response.context["columns"][:3])


def test_footer_shows_link_groups_and_icp_number(client):
    group = LinkGroupFactory(name="政府部门", order=1)
    LinkFactory(group=group, name="商务部", url="https://www.mofcom.gov.cn/")
    LinkFactory(
        group=LinkGroupFactory(name="友情链接", order=2),
        name="兄弟协会",
        url="https://example.org/xiehui",
    )
    SiteSettings(
        name="某省开发区协会", icp_number="湘ICP备12345678号", phone="0731-88888888"
    ).save()
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert footer.index("政府部门") < footer.index("友情链接")
    assert (
        '<a href="https://www.mofcom.gov.cn/" rel="noopener" target="_blank">商务部</a>' in footer
    )
    assert "兄弟协会" in footer
    assert "湘ICP备12345678号" in footer and 'href="https://beian.miit.gov.cn/"' in footer
    assert "0731-88888888" in footer
    assert "<title>某省开发区协会</title>" in html


def test_editing_a_link_or_the_settings_shows_on_the_next_request(client):
    link = LinkFactory(name="旧链接名称", group=LinkGroupFactory(name="新闻媒体"))
    SiteSettings(icp_number="湘ICP备00000001号").save()
    html = client.get("/").content.decode()
    assert "旧链接名称" in html and "湘ICP备00000001号" in html

    link.name = "新链接名称"
    link.save()
    settings = SiteSettings.load()
    settings.icp_number = "湘ICP备00000002号"
    settings.save()
    html = client.get("/").content.decode()
    assert "新链接名称" in html and "旧链接名称" not in html
    assert "湘ICP备00000002号" in html and "湘ICP备00000001号" not in html

    LinkFactory(name="新增的链接", group=link.group)
    PageFactory(title="协会章程", slug="zhangcheng")
    html = client.get("/").content.decode()
    assert "新增的链接" in html
    assert '<a href="/about/zhangcheng/">协会章程</a>' in html

    link.group.delete()
    html = client.get("/").content.decode()
    assert "新闻媒体" not in html and "新链接名称" not in html


@pytest.mark.django_db
def test_a_missing_cover_file_does_not_break_the_page(client):
    slide = ArticleFactory(title="封面文件丢失的幻灯", is_carousel=True, cover=png())
    Path(slide.cover.path).unlink()
    response = client.get("/")
    assert response.status_code == 200
    assert f'src="{slide.cover.url}"' in section(response.content.decode(), 'class="carousel"')
    assert client.get(slide.get_absolute_url()).status_code == 200
