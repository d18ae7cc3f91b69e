"""The parts of search: the stored document kept current, the dictionary, the query
parser, highlighting, and the management commands.
"""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

from news.models import Article
from news.search import highlight, parse_query, rebuild_search_documents, snippet, text
from news.search.documents import build_document
from news.search_bench import build_articles, time_queries
from tests.factories import ArticleFactory, CategoryFactory, ZoneFactory

URL = "/news/"
POSTGRES = connection.vendor == "postgresql"


def found(query: str) -> set[str]:
    from news.search import search_articles

    return set(
        search_articles(Article.objects.all(), parse_query(query)).values_list("title", flat=True)
    )


# --- the stored document -------------------------------------------------------------------


@pytest.mark.django_db
def test_document_follows_every_save():
    article = ArticleFactory(title="综保区保税维修", body="<p>笔记本电脑</p>")
    assert found("保税维修") == {"综保区保税维修"}
    article.title = "跨境电商进口"
    article.save(update_fields=["title"])
    assert found("保税维修") == set() and found("跨境电商") == {"跨境电商进口"}
    loaded = Article.objects.with_relations().get(pk=article.pk)  # document deferred
    loaded.body = "<p>集成电路</p>"
    loaded.save()
    assert found("集成电路") == {"跨境电商进口"}


@pytest.mark.django_db
def test_saving_other_fields_leaves_the_document_alone(django_assert_num_queries):
    article = ArticleFactory(title="营商环境")
    with django_assert_num_queries(1):
        article.save(update_fields=["view_count"])


@pytest.mark.django_db
def test_bulk_create_builds_documents_with_one_zone_query(django_assert_max_num_queries):
    column, zone = CategoryFactory(), ZoneFactory(name="湘潭经济技术开发区")
    articles = [Article(title=f"第{n}篇", category=column, zone_id=zone.pk) for n in range(50)]
    with django_assert_max_num_queries(3):  # the zones, the insert (and a savepoint)
        Article.objects.bulk_create(articles)
    assert len(found("湘潭经济技术开发区")) == 50


@pytest.mark.django_db
def test_rebuild_after_a_queryset_update():
    ArticleFactory.create_batch(3, title="旧标题")
    Article.objects.update(title="中欧班列")
    assert found("中欧班列") == set()
    progress = []
    assert (
        rebuild_search_documents(
            Article.objects.all(), batch_size=2, progress=lambda *a: progress.append(a)
        )
        == 3
    )
    assert progress == [(2, 3), (3, 3)]
    assert found("中欧班列") == {"中欧班列"}


@pytest.mark.django_db
def test_renaming_a_zone_reindexes_its_articles():
    zone = ZoneFactory(name="旧名称开发区")
    ArticleFactory(title="园区新闻", zone=zone)
    zone.name, zone.short_name = "湘江新区", "湘江新区"
    zone.save()
    assert found("湘江新区") == {"园区新闻"} and found("旧名称开发区") == set()


def test_document_weights_and_character_positions():
    document = build_document([("A", "高新区招商"), ("C", "复工复产")])
    assert document.positions["高新区"] == {1: "A"}
    assert document.positions["招商"] == {4: "A"}
    assert document.positions["复工"] == document.positions["复工复产"]  # inside the compound
    assert document.positions["复产"] == {16: "C"}  # after the title and a gap
    assert "'高新区':1A" in document.as_tsvector()
    assert document.as_text().startswith(" 高新区 ")


# --- the dictionary --------------------------------------------------------------------------


@pytest.mark.django_db
def test_dictionary_loads_once_per_process_and_threads_share_it(monkeypatch, tmp_path):
    monkeypatch.setattr(text, "_tokenizer", None)
    seen = []

    def use_search():
        seen.append(text.tokenizer())
        connections.close_all()

    with override_settings(PORTAL_SEARCH_CACHE_DIR=tmp_path / "jieba"):
        threads = [threading.Thread(target=use_search) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    text._sentence_words.cache_clear()  # words cut by this test's own dictionary
    assert len({id(t) for t in seen}) == 1
    assert (tmp_path / "jieba" / "jieba.cache").is_file()
    assert seen[0].FREQ.get("复工复产")  # the domain dictionary


@pytest.mark.django_db
def test_zone_names_join_the_dictionary():
    ZoneFactory(name="浏阳经济技术开发区", short_name="浏阳经开区")
    assert [w for w, _ in text.query_words("浏阳经开区")] == ["浏阳经开区"]


# --- the query parser ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, tsquery",
    [
        ("复工复产", "('复工复产' | '复工' <2> '复产')"),
        ("5G ＧＤＰ", "('5g' & 'gdp')"),
        ("新能源 -汽车", "('新能源' & !'汽车')"),
        ("跨境电商 OR 保税", "(('跨境电商' | '跨境' <2> '电商') | '保税')"),
        ("招商 ｜ 引资", "('招商' | '引资')"),
        ('"高新区 招商"', "('高新区' <3> '招商')"),
        ("“专精特新”", "'专精特新'"),
        ("－招聘", "!'招聘'"),
        ("五十亿", "('五十' & '亿':*)"),
        ("园区的发展", "('园区' & '发展')"),
        ("':*&|!()<->", None),
    ],
)
def test_parse_query(query, tsquery):
    parsed = parse_query(query)
    assert (None if parsed.is_empty else parsed.tsquery()) == tsquery


def test_parsed_query_offers_positive_words_for_highlighting():
    parsed = parse_query('新能源 -汽车 "数字 经济"')
    assert parsed.highlights() == ["数字经济", "新能源"]
    assert parsed.uses_syntax


# --- highlighting ----------------------------------------------------------------------------


def test_highlight_marks_original_text_and_escapes_the_rest():
    assert highlight("<i>ＧＤＰ</i>增长", ["gdp"]) == "&lt;i&gt;<mark>ＧＤＰ</mark>&lt;/i&gt;增长"
    assert highlight("高新区招商", ["高新区", "招商"]) == "<mark>高新区招商</mark>"


def test_snippet_is_a_window_of_the_original_text():
    body = "甲" * 200 + "园区复工复产有序推进" + "乙" * 200
    result = snippet(body, ["复工复产"], length=40)
    assert result.startswith("…") and result.endswith("…")
    assert "园区<mark>复工复产</mark>有序推进" in result and " " not in result
    assert snippet("没有关系的文字", ["复工"]) is None


# --- commands --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rebuild_search_index_command_reports_progress():
    ArticleFactory.create_batch(3)
    out = StringIO()
    call_command("rebuild_search_index", "--batch-size", "2", stdout=out)
    assert "已处理 2 / 3 篇" in out.getvalue() and "已重建 3 篇文章的搜索索引" in out.getvalue()


@pytest.mark.django_db
def test_search_quality_command_prints_precision_and_recall_and_leaves_nothing():
    out = StringIO()
    call_command("search_quality", "--fail-under", "0.9", stdout=out)
    assert "准确率（precision）：1.000  召回率（recall）：1.000" in out.getvalue()
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.skipif(not POSTGRES, reason="the benchmark runs on PostgreSQL")
def test_benchmark_parts_on_a_small_site():
    build_articles(60, batch_size=25)
    results = time_queries(["园区", "量子计算"], repeat=2)
    assert results["园区"]["matches"] == 60 and results["量子计算"]["matches"] == 0
    assert results["园区"]["p95"] >= results["园区"]["p50"] > 0
