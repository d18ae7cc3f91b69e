"""``manage.py bench_search --articles 100000``: how fast search is on a large site.

PostgreSQL only. Builds a scratch database beside the configured one (named like the test
database, ``<name>_search_bench``), fills it with synthetic articles (``news.search_bench``),
runs VACUUM ANALYZE, times ``/news/?q=…`` for a set of queries and drops the database.
Needs the CREATEDB privilege. Not a test: timings depend on the machine.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from news.search_bench import QUERIES, build_articles, percentile, time_queries


class Command(BaseCommand):
    help = _("在临时数据库里生成大量文章，测量搜索页的 p50/p95 响应时间（仅 PostgreSQL）。")

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000, help=_("文章数。"))
        parser.add_argument("--repeat", type=int, default=20, help=_("每个查询测几次。"))
        parser.add_argument(
            "--keep", action="store_true", help=_("测完保留临时数据库（供 psql 查看），不删除。")
        )

    def handle(self, *args, articles: int, repeat: int, keep: bool, **options):
        if connection.vendor != "postgresql":
            raise CommandError(_("基准测试需要 PostgreSQL（请设置 DATABASE_URL）。"))
        original = connection.settings_dict["NAME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{original}_search_bench"
        self.stdout.write(_("建立临时数据库……"))
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            self.measure(max(articles, 1), max(repeat, 1))
        finally:
            connection.creation.destroy_test_db(original, verbosity=0, keepdb=keep)

    def measure(self, articles: int, repeat: int) -> None:
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            if done == total or done % 10_000 < 2000:
                elapsed = time.monotonic() - started
                self.stdout.write(
                    _("已生成 %(done)d / %(total)d 篇（%(s).0f 秒）")
                    % {"done": done, "total": total, "s": elapsed}
                )

        build_articles(articles, progress=progress)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE news_article")
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size('news_article')),"
                " pg_size_pretty(pg_relation_size('article_search_idx'))"
            )
            table, index = cursor.fetchone()
        self.stdout.write(
            _("生成 %(n)d 篇用时 %(s).0f 秒；表（含 TOAST 和索引）%(table)s，GIN 索引 %(index)s。")
            % {"n": articles, "s": time.monotonic() - started, "table": table, "index": index}
        )
        for sort, label in (("", _("按相关度")), ("new", _("按时间"))):
            results = time_queries(QUERIES, repeat, sort=sort)
            self.stdout.write(
                _("\n%(label)s排序，每个查询 %(r)d 次（毫秒）：") % {"label": label, "r": repeat}
            )
            self.stdout.write(_("   p50    p95  数据库p50 数据库p95     命中  查询"))
            for query, row in results.items():
                self.stdout.write(
                    f"{row['p50']:6.1f} {row['p95']:6.1f} {row['db_p50']:9.1f} "
                    f"{row['db_p95']:9.1f} {row['matches']:8d}  {query}"
                )
            for key, label in (("timings", _("整个请求")), ("database", _("其中数据库"))):
                values = [t for row in results.values() for t in row[key]]
                self.stdout.write(
                    _("全部查询（%(label)s）：p50 %(p50).1f 毫秒，p95 %(p95).1f 毫秒")
                    % {
                        "label": label,
                        "p50": percentile(values, 0.5),
                        "p95": percentile(values, 0.95),
                    }
                )
