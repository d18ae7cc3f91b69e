"""Judged queries over ``news.search_corpus``, and how search scores on them.

Each query names the articles that must come back (relevant) and the ones that must not
(judged not relevant); the articles a query names neither way are not counted. Precision
is the share of the judged articles returned that are relevant, recall the share of the
relevant articles returned, both summed over all queries. ``manage.py search_quality``
prints them; ``tests/news/test_search.py`` asserts them.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from members.models import Region, Zone

from .filters import ArticleFilter
from .models import Article, Category
from .search_corpus import ARTICLES, ZONES

CATEGORIES = {"kuaixun": "园区快讯", "dongtai": "协会动态", "zhengce": "政策法规"}
FIRST_DAY = dt.datetime(2025, 1, 6, 9, tzinfo=ZoneInfo("Asia/Shanghai"))

# query: (must return, must not return)
JUDGEMENTS: dict[str, tuple[set[str], set[str]]] = {
    # Words, and words inside compounds.
    "复工复产": ({"cs-restart"}, {"wh-invest", "zz-rail", "cs-ev"}),
    "复工": ({"cs-restart", "zz-resume"}, {"cs-ev", "zz-rail", "sz-labour"}),
    "复产": ({"cs-restart", "zz-resume"}, {"cs-ev", "qd-gdp"}),
    "招商": ({"wh-invest", "cd-chips", "cs-restart"}, {"zz-jobs", "assoc-sme", "sz-labour"}),
    "招商引资": ({"wh-invest", "cs-restart"}, {"zz-jobs", "assoc-business", "sz-ai"}),
    "园区": (
        {"cs-restart", "zz-resume", "cd-chips", "sz-5g", "qd-gdp", "cs-ev", "zz-storage"},
        {"xm-ecommerce", "cq-repair", "assoc-gdp", "assoc-bonded", "zz-jobs"},
    ),
    "高新": (
        {"zz-rail", "zz-jobs", "cd-chips", "cd-sme", "wh-service", "assoc-hitech-review"},
        {"sz-5g", "qd-gdp", "xm-ecommerce", "cs-ev"},
    ),
    "高新区": ({"zz-rail", "cd-chips", "wh-service"}, {"cs-ev", "sz-ai", "qd-gdp"}),
    "经开区": ({"cs-ev", "cs-housing", "qd-gdp", "assoc-visit"}, {"zz-rail", "sz-ai", "cd-sme"}),
    "专精特新": ({"assoc-sme", "cd-sme"}, {"assoc-training", "zz-rail"}),
    "小巨人": ({"assoc-sme", "cd-sme"}, {"wh-invest", "zz-rail"}),
    "营商环境": ({"assoc-business"}, {"zz-rail", "cs-ev", "sz-5g"}),
    "碳达峰": ({"assoc-carbon"}, {"assoc-safety", "zz-storage"}),
    "人才公寓": ({"cs-housing"}, {"assoc-forum", "wh-service"}),
    "人工智能": ({"sz-ai"}, {"sz-labour", "qd-transform"}),
    "数字经济": ({"assoc-digital"}, {"qd-transform", "sz-5g"}),
    "安全生产": ({"assoc-safety"}, {"qd-gdp", "zz-resume"}),
    "轨道交通": ({"zz-rail", "zz-resume"}, {"qd-rail-freight", "cs-ev"}),
    "中欧班列": ({"qd-rail-freight"}, {"zz-rail", "qd-gdp"}),
    "一带一路": ({"qd-rail-freight"}, {"zz-rail", "xm-ecommerce"}),
    "保税": ({"cq-repair", "xm-ecommerce", "assoc-bonded"}, {"sz-5g", "qd-gdp"}),
    "光谷": ({"wh-invest"}, {"zz-rail", "cd-chips"}),
    "锂电池": ({"zz-storage"}, {"cs-ev"}),
    "电商": ({"xm-ecommerce"}, {"cq-repair", "sz-ai"}),
    "维修": ({"cq-repair", "assoc-bonded"}, {"xm-ecommerce"}),
    "千亿": ({"zz-rail"}, {"wh-invest", "cd-sme"}),
    "海关": ({"xm-ecommerce"}, {"cq-repair"}),
    # Zone names, short names, a place; people and sources (metadata fields).
    "长沙经开区": (
        {"cs-restart", "cs-ev", "cs-housing", "assoc-visit"},
        {"qd-gdp", "qd-rail-freight", "assoc-forum"},
    ),
    "株洲高新技术产业开发区": (
        {"zz-rail", "zz-jobs", "zz-storage", "zz-resume"},
        {"cd-chips", "cd-sme", "assoc-hitech-review"},
    ),
    "株洲高新区": ({"zz-rail", "zz-jobs", "zz-storage", "zz-resume"}, {"cd-chips", "wh-service"}),
    "东湖高新区": ({"wh-invest", "wh-service"}, {"zz-rail", "cd-sme"}),
    "东湖": ({"wh-invest", "wh-service"}, {"zz-rail", "cd-chips"}),
    "象屿": ({"xm-ecommerce"}, {"cq-repair"}),
    "综保区": ({"xm-ecommerce", "cq-repair"}, {"qd-gdp", "sz-5g"}),
    "综合保税区": ({"xm-ecommerce", "cq-repair", "assoc-bonded"}, {"sz-5g", "cs-ev"}),
    "苏州工业园区": ({"sz-5g", "sz-ai", "sz-labour"}, {"cs-ev", "qd-gdp"}),
    "青岛": ({"qd-gdp", "qd-rail-freight", "qd-transform"}, {"cs-ev", "zz-rail"}),
    "张建国": ({"assoc-forum", "assoc-visit"}, {"assoc-training"}),
    "孙丽娜": ({"qd-transform"}, {"assoc-training", "qd-gdp"}),
    "湖南日报": ({"cs-restart", "cs-ev", "zz-rail"}, {"qd-gdp", "zz-resume"}),
    # Mixed Chinese and Latin, full-width forms.
    "5G": ({"sz-5g", "assoc-5g-plan"}, {"qd-gdp", "sz-ai", "cs-ev"}),
    "5g基站": ({"sz-5g"}, {"assoc-5g-plan"}),
    "5G+工业互联网": ({"assoc-5g-plan"}, {"sz-5g"}),
    "GDP": ({"qd-gdp", "assoc-gdp"}, {"sz-5g", "qd-transform", "cs-ev"}),
    "ＧＤＰ": ({"qd-gdp", "assoc-gdp"}, {"sz-5g", "qd-transform"}),
    "GDP增长": ({"qd-gdp"}, {"assoc-gdp", "sz-5g"}),
    "复工复产，招商引资": ({"cs-restart"}, {"zz-resume", "wh-invest"}),
    "“复工复产”": ({"cs-restart"}, {"zz-resume", "cs-ev"}),
    # Syntax: phrases, exclusion, OR, stop words.
    '"数字经济"': ({"assoc-digital"}, {"qd-transform"}),
    "新能源 -汽车": ({"zz-storage", "assoc-visit"}, {"cs-ev"}),
    "高新区 -招聘": ({"zz-rail", "cd-chips"}, {"zz-jobs"}),
    "跨境电商 OR 保税维修": ({"xm-ecommerce", "cq-repair"}, {"assoc-bonded", "sz-5g"}),
    "集成电路 OR 芯片": ({"cd-chips"}, {"sz-ai", "cq-repair"}),
    "园区的人才公寓": ({"cs-housing"}, {"assoc-forum", "zz-jobs"}),
}


@dataclass
class Score:
    """Counts over the judged set, and the queries that fell short."""

    relevant: int = 0
    returned_relevant: int = 0
    returned_judged: int = 0
    misses: list[tuple[str, set[str], set[str]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.returned_relevant / self.returned_judged if self.returned_judged else 1.0

    @property
    def recall(self) -> float:
        return self.returned_relevant / self.relevant if self.relevant else 1.0


def build_corpus() -> dict[str, Article]:
    """Create the corpus (zones, columns, articles); returns its articles by key. Zones
    and columns that exist already (same name or slug) are reused.
    """
    columns = {
        slug: Category.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in CATEGORIES.items()
    }
    zones = {}
    for key, (name, short_name, kind, code) in ZONES.items():
        zone, _made = Zone.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short_name,
                "kind": kind,
                "level": Zone.Level.NATIONAL,
                "region": Region.objects.get(code=code),
            },
        )
        zones[key] = zone
    articles = {}
    for number, (key, fields) in enumerate(ARTICLES.items()):
        column, zone, title, summary, paragraphs, source, author = fields
        articles[key] = Article.objects.create(
            title=title,
            category=columns[column],
            zone=zones[zone] if zone else None,
            summary=summary,
            body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
            source=source,
            author=author,
            status=Article.Status.PUBLISHED,
            published_at=FIRST_DAY + dt.timedelta(days=number),
        )
    return articles


def search_keys(query: str, articles: dict[str, Article]) -> set[str]:
    """The corpus articles that ``/news/?q=query`` returns (through the real filter)."""
    keys = {article.pk: key for key, article in articles.items()}
    base = Article.objects.published().filter(pk__in=keys)
    results = ArticleFilter({"q": query}, queryset=base).qs
    return {keys[pk] for pk in results.values_list("pk", flat=True)}


def evaluate(articles: dict[str, Article], judgements=None) -> Score:
    """Run every judged query against the corpus and count."""
    score = Score()
    for query, (must, must_not) in (judgements or JUDGEMENTS).items():
        returned = search_keys(query, articles)
        score.relevant += len(must)
        score.returned_relevant += len(returned & must)
        score.returned_judged += len(returned & (must | must_not))
        if must - returned or returned & must_not:
            score.misses.append((query, must - returned, returned & must_not))
    return score


def report_lines(score: Score, vendor: str) -> list[str]:
    """What ``search_quality`` prints."""
    lines = [
        _("数据库：%(vendor)s；判定查询 %(queries)d 个，语料文章 %(articles)d 篇。")
        % {"vendor": vendor, "queries": len(JUDGEMENTS), "articles": len(ARTICLES)},
        _("准确率（precision）：%(p).3f  召回率（recall）：%(r).3f")
        % {"p": score.precision, "r": score.recall},
    ]
    for query, missed, wrong in score.misses:
        lines.append(
            _("  “%(q)s”：漏掉 %(missed)s；不该返回 %(wrong)s")
            % {"q": query, "missed": sorted(missed) or "-", "wrong": sorted(wrong) or "-"}
        )
    return lines
