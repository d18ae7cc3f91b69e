"""``manage.py search_quality``: precision and recall of search on the judged query set."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from news.search_judgements import build_corpus, evaluate, report_lines


class Command(BaseCommand):
    help = _(
        "在一组人工判定的查询上计算搜索的准确率和召回率。"
        "语料在一个最后回滚的事务里建立，不会留下任何数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-under",
            type=float,
            default=0.0,
            help=_("准确率或召回率低于这个值时以错误退出（如 0.9）。"),
        )

    def handle(self, *args, fail_under: float, **options):
        with transaction.atomic():
            score = evaluate(build_corpus())
            transaction.set_rollback(True)
        for line in report_lines(score, connection.vendor):
            self.stdout.write(line)
        if min(score.precision, score.recall) < fail_under:
            raise CommandError(_("搜索质量低于 %(bar).2f。") % {"bar": fail_under})
