"""Synthetic articles and timings for ``manage.py bench_search`` (not a test).

The articles are made from sentence templates with zone, industry, company, person and
number slots, so the vocabulary and the share of articles a word appears in look like a
portal's: 园区 is in most articles, a zone's name in a few percent, a person in very few.
"""

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from members.models import Region, Zone

from .models import Article, Category
from .search import match_articles, parse_query

ZONES = [  # (name, short name, region code)
    ("长沙经济技术开发区", "长沙经开区", "430102"),
    ("株洲高新技术产业开发区", "株洲高新区", "430202"),
    ("武汉东湖新技术开发区", "东湖高新区", "420102"),
    ("苏州工业园区", "", "320505"),
    ("成都高新技术产业开发区", "成都高新区", "510107"),
    ("厦门象屿综合保税区", "象屿综保区", "350206"),
    ("重庆西永综合保税区", "西永综保区", "500112"),
    ("青岛经济技术开发区", "青岛经开区", "370202"),
    ("杭州高新技术产业开发区", "杭州高新区", "330106"),
    ("西安高新技术产业开发区", "西安高新区", "610113"),
    ("深圳南山科技园", "南山科技园", "440305"),
    ("湘潭经济技术开发区", "湘潭经开区", "430302"),
]
INDUSTRIES = [
    "新能源汽车",
    "工程机械",
    "集成电路",
    "生物医药",
    "轨道交通",
    "新材料",
    "人工智能",
    "锂电池",
    "光伏",
    "跨境电商",
    "保税维修",
    "智能制造",
    "5G通信",
    "数字经济",
    "储能",
    "医疗器械",
]
COMPANIES = [
    "华睿智能",
    "中科联创",
    "恒拓新材",
    "远航动力",
    "新源储能",
    "博瑞医药",
    "星联电子",
    "锦程装备",
    "绿洲环保",
    "启航汽车",
]
PEOPLE = [
    "李明",
    "王晓燕",
    "张志强",
    "刘芳",
    "陈建国",
    "杨帆",
    "赵丽",
    "黄磊",
    "周敏",
    "吴昊",
    "徐静",
    "孙伟",
    "胡婷",
    "朱亮",
    "郭晨",
    "张建国",
]
SOURCES = ["", "", "湖南日报", "经济日报", "协会秘书处", "园区管委会"]
TITLES = [
    "{short}{n}个{industry}项目集中签约",
    "{short}推进复工复产　规上企业开工率超九成",
    "{short}招商引资成效明显",
    "{short}新增专精特新企业{n}家",
    "{short}优化营商环境推行拿地即开工",
    "{short}{industry}产业链加快集聚",
    "{short}上半年GDP同比增长{n}%",
    "{short}建成5G基站{n}00个",
    "{short}举办{industry}专场招聘会",
    "{short}人才公寓交付使用",
]
SENTENCES = [
    "近日，{name}举行{industry}项目集中签约活动，总投资{n}十亿元。",
    "园区组建产业链招商专班，推动在谈项目加快落地。",
    "{company}负责人表示，看中的是园区完整的产业配套和高效的政务服务。",
    "园区对重点企业实行一企一策服务，协调解决用工、用电和物流问题。",
    "今年以来，园区规模以上工业增加值同比增长{n}%。",
    "园区联合高校共建{industry}创新中心，开展关键技术攻关。",
    "{name}持续优化营商环境，企业开办实现一窗通办。",
    "园区已有高新技术企业{n}十家，专精特新企业不断涌现。",
    "{company}新建的{industry}生产线正式投产，年产值可达{n}亿元。",
    "园区加快建设5G网络和工业互联网平台，推动企业数字化转型。",
    "园区坚持绿色低碳发展，推进节能降碳改造。",
    "管委会主任{person}介绍，园区将继续抓好项目建设。",
    "园区开通中欧班列专线，货物可直达欧洲多个城市。",
    "区内跨境电商企业进口单量同比增长{n}%。",
    "园区举办专场招聘会，帮助企业招用员工{n}百余人。",
    "园区安全生产形势总体平稳，未发生较大事故。",
]
QUERIES = [
    "园区",
    "招商引资",
    "复工复产",
    "高新区",
    "长沙经开区",
    "5G",
    "GDP 增长",
    "专精特新 企业",
    "新能源 -汽车",
    "招商 -签约",
    "跨境电商 OR 保税维修",
    '"数字经济"',
    "人工智能",
    "锂电池",
    "张建国",
    "中欧班列 欧洲",
    "量子计算",
]


def build_articles(total: int, *, batch_size: int = 2000, progress: Callable | None = None):
    """Create ``total`` published synthetic articles with their search documents."""
    rnd = random.Random(20250101)
    column = Category.objects.get_or_create(slug="bench", defaults={"name": "基准测试"})[0]
    zones = []
    for name, short_name, code in ZONES:
        zone = Zone.objects.filter(name=name).first() or Zone.objects.create(
            name=name,
            short_name=short_name,
            kind=Zone.Kind.ETDZ,
            level=Zone.Level.NATIONAL,
            region=Region.objects.get(code=code),
        )
        zones.append(zone)
    start = timezone.now() - dt.timedelta(days=3 * 365)
    for first in range(0, total, batch_size):
        batch = []
        for number in range(first, min(first + batch_size, total)):
            zone = rnd.choice(zones)
            slots = {
                "name": zone.name,
                "short": zone.short_name or zone.name,
                "industry": rnd.choice(INDUSTRIES),
                "company": rnd.choice(COMPANIES),
                "person": rnd.choice(PEOPLE),
                "n": rnd.randint(1, 9),
            }
            sentences = [s.format(**slots) for s in rnd.sample(SENTENCES, rnd.randint(4, 8))]
            batch.append(
                Article(
                    title=rnd.choice(TITLES).format(**slots),
                    category=column,
                    zone=zone,
                    summary=sentences[0],
                    body="".join(f"<p>{s}</p>" for s in sentences[1:]),
                    source=rnd.choice(SOURCES),
                    author=rnd.choice(PEOPLE),
                    status=Article.Status.PUBLISHED,
                    published_at=start + dt.timedelta(minutes=15 * number),
                )
            )
        Article.objects.bulk_create(batch)
        if progress:
            progress(first + len(batch), total)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_queries(queries: list[str], repeat: int, *, sort: str = "") -> dict[str, dict]:
    """Milliseconds per ``/news/?q=…`` request (the whole view: count, page, highlighting,
    template) and the part of it spent in the database, with every cache emptied before
    each request; the first request of each query is a warm-up.
    """
    client, results = Client(), {}
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    isolated = {  # no page cache, no cached counts, no need for collectstatic
        "CACHES": locmem,
        "PORTAL_PAGE_CACHE_SECONDS": 0,
        "ALLOWED_HOSTS": ["testserver"],
        "STORAGES": {**settings.STORAGES, "staticfiles": plain_static},
    }
    with override_settings(**isolated):
        for query in queries:
            params = {"q": query, **({"sort": sort} if sort else {})}
            timings, database = [], []
            for attempt in range(repeat + 1):
                cache.clear()
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    response = client.get("/news/", params)
                    elapsed = (time.perf_counter() - began) * 1000
                if response.status_code != 200:
                    raise RuntimeError(f"/news/ answered {response.status_code} for {query!r}")
                if attempt:
                    timings.append(elapsed)
                    database.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            matches = match_articles(Article.objects.published(), parse_query(query)).count()
            results[query] = {
                "matches": matches,
                "p50": statistics.median(timings),
                "p95": percentile(timings, 0.95),
                "db_p50": statistics.median(database),
                "db_p95": percentile(database, 0.95),
                "timings": timings,
                "database": database,
            }
    return results
