"""``manage.py import_articles PATH… [--category SLUG] [--zone SLUG] [--draft]``.

Imports legacy article pages saved as text or HTML (files, or folders searched for
``*.txt``/``*.htm(l)``). Parsing lives in ``news.importer``; this command matches the
column and zone, writes each article in its own transaction, and reports per file what
it created, updated, skipped and could not parse. A page with any error imports nothing.

Re-running is safe: an article with the same title published on the same day is the
same article (no extra column needed); it is skipped, or overwritten with ``--update``.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.progress import Progress
from members.models import Zone
from news.importer import ParsedArticle, parse_file
from news.legacy_pages import HTML_SUFFIXES, TEXT_SUFFIXES
from news.models import Article, Category


def expand_paths(paths) -> list[Path]:
    """Files as given, and the text and HTML files inside given folders, in name order."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in HTML_SUFFIXES | TEXT_SUFFIXES
            )
        else:
            files.append(path)
    return files


def match_by_name(texts, objects, names, min_length=3):
    """The object whose longest name (or short name) occurs in one of ``texts``."""
    best, best_length = None, 0
    for obj in objects:
        for name in names(obj):
            if (
                len(name) >= min_length
                and len(name) > best_length
                and any(name in t for t in texts)
            ):
                best, best_length = obj, len(name)
    return best


class Command(BaseCommand):
    help = _("导入旧网站保存的文章页面（文本或 HTML），可重复执行。")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=_("文件或文件夹"))
        parser.add_argument("--category", help=_("栏目网址标识；不指定时按页面中的栏目名匹配"))
        parser.add_argument("--zone", help=_("园区网址标识；不指定时按来源和标题中的园区名匹配"))
        parser.add_argument("--draft", action="store_true", help=_("导入为草稿，不直接发布"))
        parser.add_argument(
            "--update", action="store_true", help=_("已导入过的文章用新内容覆盖（默认跳过）")
        )

    def handle(self, *args, paths, category, zone, draft, update, verbosity, **options):
        self.verbosity = verbosity
        self.fixed_category = self._get(Category.objects.all(), category, _("栏目"))
        self.fixed_zone = self._get(Zone.objects.all(), zone, _("园区"))
        self.categories = list(Category.objects.only("name", "slug"))
        self.zones = list(Zone.objects.only("name", "short_name"))
        self.status = Article.Status.DRAFT if draft else Article.Status.PUBLISHED
        self.update = update
        files = expand_paths(paths)
        if not files:
            raise CommandError(_("没有找到要导入的文件。"))
        counts = {"created": 0, "updated": 0, "skipped": 0, "failed": 0}
        failures = []
        self.progress = Progress(
            self,
            len(files),
            verbosity=verbosity,
            desc=_("导入"),
            unit=_("个"),
            line=_("已处理 %(done)d/%(total)d 个文件"),
        )
        with self.progress:
            for done, path in enumerate(files, 1):
                parsed = parse_file(path)
                outcome, detail = self._import(parsed)
                counts[outcome] += 1
                if outcome == "failed":
                    failures.append((path, detail))
                self._report(path, outcome, detail, parsed)
                self.progress.update(done)
        self.stdout.write(
            _(
                "完成：新建 %(created)d 篇，更新 %(updated)d 篇，"
                "跳过 %(skipped)d 篇，失败 %(failed)d 个文件。"
            )
            % counts
        )
        if failures:
            for path, reasons in failures:
                self.stderr.write(
                    _("无法导入 %(path)s：%(reasons)s") % {"path": path, "reasons": reasons}
                )
            raise CommandError(
                _("%(count)d 个文件未能导入，其内容一概未写入。") % {"count": len(failures)}
            )

    def _get(self, queryset, slug, label):
        if not slug:
            return None
        try:
            return queryset.get(slug=slug)
        except queryset.model.DoesNotExist as exc:
            raise CommandError(
                _("没有网址标识为“%(slug)s”的%(label)s。") % {"slug": slug, "label": label}
            ) from exc

    def _import(self, parsed: ParsedArticle) -> tuple[str, str]:
        """Write one parsed page; returns the outcome and a detail for the report."""
        if not parsed.ok:
            return "failed", "；".join(parsed.errors)
        category = self.fixed_category or self._category_for(parsed)
        if category is None:
            return "failed", _("未指定栏目（--category），页面中也没有与已有栏目同名的栏目")
        zone = self.fixed_zone or match_by_name(
            [parsed.source, parsed.publisher, parsed.title],
            self.zones,
            lambda z: [z.name, z.short_name],
        )
        try:
            article, existing = self._save(parsed, category, zone)
        except ValidationError as exc:
            return "failed", "；".join(exc.messages)
        if existing is None:
            return "created", _("已导入（编号 %(pk)d）") % {"pk": article.pk}
        if article is None:
            return "skipped", _("已存在（编号 %(pk)d），跳过") % {"pk": existing.pk}
        return "updated", _("已更新（编号 %(pk)d）") % {"pk": article.pk}

    @transaction.atomic
    def _save(self, parsed: ParsedArticle, category, zone):
        """Create or (with ``--update``) overwrite; returns (saved or None, existing or None)."""
        existing = (
            Article.objects.select_for_update()
            .filter(title=parsed.title, published_at__date=timezone.localdate(parsed.published_at))
            .order_by("pk")
            .first()
        )
        if existing is not None and not self.update:
            return None, existing
        # An existing article keeps its status: an editor may have hidden it since.
        article = existing or Article(status=self.status)
        article.title = parsed.title
        article.category = category
        article.zone = zone
        article.source = parsed.source
        article.author = parsed.author
        article.publisher = parsed.publisher
        article.body = parsed.body  # sanitized again by RichTextField when saved
        article.published_at = parsed.published_at
        if parsed.view_count is not None:
            article.view_count = parsed.view_count
        article.full_clean(exclude=["cover"])
        article.save()
        return article, existing

    def _category_for(self, parsed: ParsedArticle):
        """The existing column the page names (breadcrumb or header), if exactly named."""
        by_name = {c.name: c for c in self.categories}
        return next((by_name[n] for n in parsed.column_names if n in by_name), None)

    def _report(self, path, outcome, detail, parsed):
        write = self.progress.write
        if outcome == "failed" and self.verbosity >= 2:
            write(self.style.ERROR(f"✗ {path}：{detail}"), error=True)
        elif outcome == "skipped" and self.verbosity >= 1:
            write(self.style.WARNING(f"- {path}：{detail}"))
        elif self.verbosity >= 2:
            write(self.style.SUCCESS(f"✓ {path}：{detail}《{parsed.title}》"))
        if outcome != "failed" and self.verbosity >= 1:
            for warning in parsed.warnings:
                write(self.style.WARNING(f"  ! {path}：{warning}"))
