"""``manage.py rebuild_search_index``: rebuild every article's stored search document."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

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
        shown = [-1]

        def progress(done: int, total: int) -> None:
            step = done * 20 // total  # about twenty lines, whatever the size
            if step != shown[0]:
                shown[0] = step
                counts = {"done": done, "total": total}
                self.stdout.write(_("已处理 %(done)d / %(total)d 篇") % counts)

        total = rebuild_search_documents(
            Article.objects.all(), batch_size=max(batch_size, 1), progress=progress
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("已重建 %(total)d 篇文章的搜索索引，用时 %(seconds).1f 秒。")
                % {"total": total, "seconds": time.monotonic() - started}
            )
        )
