"""``import_articles``: parsing legacy pages, writing articles, idempotence, reporting."""

import datetime as dt
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.richtext import html_to_text
from news.importer import parse_file
from news.models import Article
from tests.factories import CategoryFactory, ZoneFactory

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
# Site chrome that must never end up in an article body.
CHROME = ["首页", "资讯中心", "政府部门", "行业协会", "新闻媒体", "友情链接", "留言箱", "版权"]


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args), timezone.get_default_timezone())


def body_lines(body: str) -> list[str]:
    return [line for line in re.split(r"</(?:p|h3|figcaption)>", body) if html_to_text(line)]


def assert_no_chrome(body: str, extra=()):
    lines = [html_to_text(line) for line in body_lines(body)]
    for word in [*CHROME, *extra]:
        assert word not in lines, word
    text = html_to_text(body)
    for word in ["友情链接", "版权所有", "当前位置", "上一篇", "下一篇", *extra]:
        assert word not in text, word


def run(*args, fails=False, **options) -> tuple[str, str]:
    """Run the command; with ``fails`` it must end in a CommandError (some file failed)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as exc:
        assert fails, exc
        err.write(str(exc))
    else:
        assert not fails, "the command should have reported a failure"
    return out.getvalue(), err.getvalue()


# Parsing (no database)


def test_parses_an_html_page_with_menus_sidebar_and_footer():
    parsed = parse_file(FIXTURES / "zone_news.html")
    assert parsed.ok, parsed.errors
    assert parsed.title == "示范高新区新材料产业园一期项目集中开工"
    assert parsed.published_at == local(2024, 5, 6, 10, 20)
    assert (parsed.source, parsed.author, parsed.view_count) == ("示范高新区管委会", "陈晓", 1234)
    assert parsed.column_names[0] == "园区动态"
    body = parsed.body
    assert body.startswith("<p>5月6日上午，示范高新区新材料产业园一期项目集中开工")
    assert (
        '<figure class="image"><img src="https://img.example.org/2024/05/kaigong.jpg" '
        'alt="开工仪式现场"><figcaption>开工仪式现场</figcaption></figure>'
    ) in body
    # The image with a relative address is dropped, with a warning; its caption stays.
    assert "/uploads/" not in body
    assert "<figcaption>项目施工现场</figcaption>" in body
    assert any("/uploads/2024/05/jiqi.jpg" in w for w in parsed.warnings)
    assert "<h3>二、服务保障</h3>" in body
    assert "<script" not in body and "alert" not in body and "onclick" not in body
    assert_no_chrome(body, extra=["相关文章", "通知公告", "园区企业获评省级专精特新企业", "打印"])


def test_parses_a_gbk_text_page_and_takes_the_author_from_the_last_line():
    parsed = parse_file(FIXTURES / "notice_gbk.txt")
    assert parsed.ok, parsed.errors
    assert parsed.title == "关于举办2023年开发区招商引资专题培训班的通知"
    assert parsed.published_at == local(2023, 11, 2)
    assert parsed.publisher == "协会秘书处"
    assert parsed.source == "协会秘书处"  # no 来源 on the page: the publisher is the source
    assert parsed.author == "李华"
    assert parsed.view_count == 88
    assert "通知公告" in parsed.column_names
    assert "<p>各会员单位：</p>" in parsed.body
    assert "<h3>一、培训时间和地点</h3>" in parsed.body
    assert parsed.body.endswith(
        "<p>请各单位于11月15日前将报名回执发送至协会秘书处邮箱。联系人：王老师。</p>"
    )
    assert_no_chrome(parsed.body, extra=["协会简介", "协会召开第三届理事会第二次会议"])


def test_page_without_date_is_reported_not_guessed():
    parsed = parse_file(FIXTURES / "no_date.txt")
    assert not parsed.ok
    assert parsed.title == "示范经开区举办企业服务日活动"
    assert parsed.errors == ["找不到发布时间"]


def test_page_without_article_is_reported():
    parsed = parse_file(FIXTURES / "menu_only.html")
    assert parsed.errors == ["找不到标题"]


def test_unreadable_file_is_reported(tmp_path):
    missing = parse_file(tmp_path / "missing.txt")
    assert not missing.ok
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81\x30\x81" * 10)
    assert not parse_file(binary).ok


# The command


@pytest.fixture
def column():
    return CategoryFactory(name="园区动态", slug="zone-news")


@pytest.fixture
def good_files(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ["zone_news.html", "notice_gbk.txt"]:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.mark.django_db
def test_imports_a_folder_and_matches_the_zone(good_files, column):
    zone = ZoneFactory(name="示范高新技术产业开发区", short_name="示范高新区")
    out, err = run(good_files, category="zone-news", verbosity=2)
    assert "新建 2 篇" in out and "失败 0" in out
    article = Article.objects.get(title="示范高新区新材料产业园一期项目集中开工")
    assert article.zone == zone
    assert article.category == column
    assert article.status == Article.Status.PUBLISHED
    assert article.is_public
    assert article.published_at == local(2024, 5, 6, 10, 20)
    assert (article.source, article.author, article.view_count) == (
        "示范高新区管委会",
        "陈晓",
        1234,
    )
    assert "<figcaption>开工仪式现场</figcaption>" in article.body
    assert "<script" not in article.body
    notice = Article.objects.get(title__startswith="关于举办2023年")
    assert notice.zone is None
    assert notice.publisher == "协会秘书处"


@pytest.mark.django_db
def test_second_run_skips_and_reports(good_files, column):
    run(good_files, category="zone-news")
    out, _err = run(good_files, category="zone-news")
    assert Article.objects.count() == 2
    assert "跳过 2 篇" in out
    assert out.count("已存在") == 2


@pytest.mark.django_db
def test_update_overwrites_content_but_keeps_the_status(good_files, column):
    run(good_files, category="zone-news")
    article = Article.objects.get(title="示范高新区新材料产业园一期项目集中开工")
    Article.objects.filter(pk=article.pk).update(body="<p>改坏了</p>", status="archived")
    out, _err = run(good_files, category="zone-news", update=True)
    assert "更新 2 篇" in out
    article.refresh_from_db()
    assert "集中开工" in article.body
    assert article.status == Article.Status.ARCHIVED
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_draft_option(good_files, column):
    run(good_files / "notice_gbk.txt", category="zone-news", draft=True)
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()


@pytest.mark.django_db
def test_column_from_the_page_when_not_given(good_files):
    CategoryFactory(name="园区动态", slug="dynamics")
    CategoryFactory(name="通知公告", slug="notices")
    run(good_files)
    assert Article.objects.get(title__startswith="示范高新区").category.slug == "dynamics"
    assert Article.objects.get(title__startswith="关于举办").category.slug == "notices"


@pytest.mark.django_db
def test_unknown_column_is_reported_and_nothing_is_created(good_files):
    _out, err = run(good_files, fails=True)
    assert "未指定栏目" in err
    assert not Article.objects.exists()
    _out, err = run(good_files, category="no-such", fails=True)
    assert "no-such" in err


@pytest.mark.django_db
def test_a_folder_with_bad_pages_imports_the_good_ones_and_reports_the_rest(column):
    out, err = run(FIXTURES, category="zone-news", fails=True)
    assert "新建 2 篇" in out and "失败 2 个文件" in out
    assert "2 个文件未能导入" in err
    assert Article.objects.count() == 2  # the two good fixtures
    assert not Article.objects.filter(title="示范经开区举办企业服务日活动").exists()


@pytest.mark.django_db
def test_report_names_each_failed_file_and_creates_nothing(column):
    out, err = run(
        FIXTURES / "no_date.txt", FIXTURES / "menu_only.html", category="zone-news", fails=True
    )
    assert "no_date.txt：找不到发布时间" in err
    assert "menu_only.html：找不到标题" in err
    assert "已处理 2/2 个文件" in out
    assert not Article.objects.exists()


# The seed pages of the sites this portal replaces (absent from a user's fresh clone)

SEED_EXPECTATIONS = {
    "000_b811c868296e2f95.txt": {
        "title": "湘西经开区:抓好防疫保复工 深化服务促发展",
        "published_at": local(2020, 7, 27),
        "source": "湘西经济开发区、湖南开发区网",
        "author": "张术杰",
        "not_in_body": ["协会简介", "协会章程", "PARK EXPRESS", "宁乡高新区深入开展党员", "张术杰"],
    },
    "001_47113bda6da8722f.txt": {
        "title": "湖北谷城经济开发区:党建引领企业复工复产跑出“加速度”",
        "published_at": local(2020, 3, 11, 9, 35),
        "source": "湖北谷城经济开发区",
        "author": "李明军",
        "view_count": 655,
        "not_in_body": ["国家发展和改革委员会", "中国新闻网", "点击量", "字体", "公众号"],
    },
    "004_6686692cbc2f26b8.txt": {
        "title": "深化干部一线淬炼 服务企业提质发展",
        "published_at": None,  # the page shows no date: reported, not guessed
        "source": "沙洋经济开发区",
        "not_in_body": ["来源"],
        "captions": ["现场解决劳资纠纷问题", "开展现场招聘会,解决企业用工需求"],
    },
}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds/ is not here")


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_page(name):
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"{name} is not among the seed pages")
    expected = SEED_EXPECTATIONS[name]
    parsed = parse_file(path)
    assert parsed.title == expected["title"]
    assert parsed.published_at == expected["published_at"]
    assert parsed.source == expected["source"]
    assert parsed.author == expected.get("author", "")
    assert parsed.view_count == expected.get("view_count")
    assert parsed.ok == (expected["published_at"] is not None)
    assert parsed.body.count("<p>") >= 3
    assert_no_chrome(parsed.body, extra=expected["not_in_body"])
    for caption in expected.get("captions", []):
        assert f"<figcaption>{caption}</figcaption>" in parsed.body


@needs_seeds
@pytest.mark.django_db
def test_importing_the_seed_pages_is_idempotent(tmp_path):
    CategoryFactory(name="园区快讯", slug="park-news")
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    out, err = run(folder, category="park-news", fails=True)
    dated = [n for n, e in SEED_EXPECTATIONS.items() if e["published_at"] and (folder / n).exists()]
    assert Article.objects.count() == len(dated)
    assert "004_6686692cbc2f26b8.txt：找不到发布时间" in err
    out, err = run(folder, category="park-news", fails=True)
    assert Article.objects.count() == len(dated)
    assert out.count("已存在") == len(dated)
    assert not Article.objects.filter(title="深化干部一线淬炼 服务企业提质发展").exists()
    for article in Article.objects.all():
        assert_no_chrome(article.body)
