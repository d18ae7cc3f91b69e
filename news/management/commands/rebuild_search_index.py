"""``manage.py rebuild_search_index``: rebuild every article's stored search document."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.progress import Progress
from news.models import Article
from news.search import rebuild_search_documents


class Command(BaseCommand):
    help = _(
        "重建全部文章的搜索索引（分词后的搜索文档）。"
        "保存文章时会自动更新；在用 QuerySet.update()、SQL 或数据导入改过文章、"
        "或修改了搜索词典之后运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help=_("每批处理的文章数（默认 500）。")
        )

    def handle(self, *args, batch_size: int, **options):
        started = time.monotonic()
        articles = Article.objects.all()
        with Progress(
            self,
            articles.count(),
            verbosity=options["verbosity"],
            desc=_("文章"),
            unit=_("篇"),
            line=_("已处理 %(done)d / %(total)d 篇"),
        ) as progress:
            total = rebuild_search_documents(
                articles,
                batch_size=max(batch_size, 1),
                progress=lambda done, total: progress.update(done),
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("已重建 %(total)d 篇文章的搜索索引，用时 %(seconds).1f 秒。")
                % {"total": total, "seconds": time.monotonic() - started}
            )
        )
