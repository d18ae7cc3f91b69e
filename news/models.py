"""Columns (栏目) and articles."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import connections, models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill

from core import prepared
from core.cache import content_version
from core.models import AuditedModel
from core.pagination import PUBLIC_AS_OF
from core.richtext import RichTextField, html_to_text
from core.urls_cache import reverse as cached_reverse

from . import view_counts
from .search import SearchDocumentField, SearchDocumentIndex

# What the stored search document is built from (see news.search.documents.article_document).
SEARCH_SOURCE_FIELDS = frozenset(
    {"title", "summary", "body", "source", "author", "zone", "zone_id"}
)


class CategoryQuerySet(models.QuerySet):
    def for_home(self):
        """Columns that have a block of latest articles on the home page."""
        return self.filter(show_on_home=True)


class Category(models.Model):
    """A column (栏目) such as 协会动态 or 园区快讯; columns form a shallow tree."""

    name = models.CharField(_("名称"), max_length=50)
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级栏目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=100, help_text=_("数字小的排在前面。"))
    show_on_home = models.BooleanField(_("首页显示"), default=True)
    open_for_contributions = models.BooleanField(
        _("接受投稿"), default=False, help_text=_("会员单位可以向本栏目投稿。")
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{cached_reverse('news:article-list')}?category={self.slug}"

    def ancestors(self) -> list["Category"]:
        """Columns above this one, outermost first (the tree is at most a few levels deep)."""
        chain, node = [], self.parent
        while node is not None and node not in chain:
            chain.insert(0, node)
            node = node.parent
        return chain


@functools.cache
def _page_statement(alias: str) -> tuple[str, int, list[str], list]:
    """The statement of ``ArticleQuerySet.with_neighbours`` on database ``alias``, how many
    times it takes the clock time (the article's id comes after those), the attribute
    names of the article columns it selects, and the converters those columns need
    (SQLite's dates, for one); worked out once per process.

    On PostgreSQL each neighbour is a ``LATERAL`` join that reads its id and title in one
    walk of the column's partial index, and the statement is prepared once per connection
    (core.prepared). SQLite has no LATERAL join: there each value is a scalar subquery. The
    status is written into it, not passed, so that the prepared plan can use the partial
    indexes of public articles (a parameter could be any status).
    """
    published = Article.Status.PUBLISHED.value
    assert published.isidentifier()  # a plain word, safe between quotes
    connection = connections[alias]
    meta = Article._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    fields = [f for f in meta.concrete_fields if f.name != "search_document"]
    neighbour = (
        f"(SELECT {{columns}} FROM {table} WHERE status = '{published}' "
        "AND category_id = a.category_id "
        "AND published_at <= %s AND (published_at, id) {op} (a.published_at, a.id) "
        "ORDER BY published_at {order}, id {order} LIMIT 1)"
    )
    sides = [("<", "DESC", "p"), (">", "ASC", "n")]  # previous, then next
    columns = [f"a.{quote(f.column)}" for f in fields]
    if connection.vendor == "postgresql":
        columns += [f"{name}.{column}" for *_, name in sides for column in ("id", "title")]
        joins = " ".join(
            f"LEFT JOIN LATERAL {neighbour.format(columns='id, title', op=op, order=order)} "
            f"AS {name} ON true"
            for op, order, name in sides
        )
        sql = f"SELECT {', '.join(columns)} FROM {table} AS a {joins} WHERE a.id = %s"
        nows = len(sides)
    else:
        columns += [
            neighbour.format(columns=column, op=op, order=order)
            for op, order, _ in sides
            for column in ("id", "title")
        ]
        sql = f"SELECT {', '.join(columns)} FROM {table} AS a WHERE a.id = %s"
        nows = 2 * len(sides)
    converters = []
    for index, field in enumerate(fields):
        col = field.get_col(meta.db_table)
        found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if found:
            converters.append((index, found, col))
    return sql, nows, [f.attname for f in fields], converters


@dataclass(frozen=True, slots=True)
class Neighbour:
    """上一篇 or 下一篇 of an article page: what the page shows of it, its title and link
    (a plain value, not a model instance half loaded)."""

    pk: int
    title: str

    def get_absolute_url(self) -> str:
        return cached_reverse("news:article-detail", self.pk)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and whose publish time has come.

        Every public view, feed, sitemap and filter starts here. A future publish time
        is a schedule; the article appears once the clock passes it, no job needed.

        The queryset carries the content version read just before its clock time (the
        ``PUBLIC_AS_OF`` hint): ``core.pagination`` keys its cached count on that version
        instead of on the clock time, which differs on every request. Read in this order,
        a count can never be stored under a version older than the articles it counts.
        """
        version = content_version()
        now = timezone.now()
        queryset = self.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
        queryset._hints = {**queryset._hints, PUBLIC_AS_OF: (version, now)}
        return queryset

    def with_relations(self):
        """Join what list and detail pages display, so each list is one query (the search
        document, large and never displayed, stays in the database)."""
        return self.select_related("category", "zone").defer("search_document")

    def for_list(self):
        """``with_relations`` without the body: lists show the summary, never the text."""
        return self.with_relations().defer("body")

    def with_neighbours(self, pk: int):
        """The article ``pk`` (its search document deferred) and its 上一篇 and 下一篇 in one
        statement, or ``None``. ``article.neighbours`` is ``{"previous": …, "next": …}``:
        the public articles just older and newer in its column, as ``Neighbour`` values (a
        side is missing at either end of the column).

        Hand-written and prepared, because the ORM spent longer building and compiling these
        queries, and PostgreSQL longer planning them, than running them takes.
        The neighbours' filter is ``published()``'s (status published, publish time passed);
        the row comparisons make each one walk of the column's partial index, ties on the
        publish time broken by id as in every list. Its column and zone come from
        ``news.catalog``.
        """
        lowest, highest = connections[self.db].ops.integer_field_range(
            self.model._meta.pk.get_internal_type()
        )
        if not lowest <= pk <= highest:  # no such row; the database would refuse the number
            return None
        connection = connections[self.db]
        sql, nows, names, converters = _page_statement(self.db)
        field = self.model._meta.get_field("published_at")
        now = field.get_db_prep_value(timezone.now(), connection)
        with connection.cursor() as cursor:
            prepared.execute(connection, cursor, "news_article_page", sql, [now] * nows + [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row[: len(names)])
        for index, functions, col in converters:  # as the ORM's compiler applies them
            for function in functions:
                values[index] = function(values[index], col, connection)
        article = self.model.from_db(self.db, names, values)
        previous_id, previous_title, next_id, next_title = row[len(names) :]
        article.neighbours = {
            side: Neighbour(found_id, title)
            for side, found_id, title in (
                ("previous", previous_id, previous_title),
                ("next", next_id, next_title),
            )
            if found_id is not None
        }
        return article

    def newest_first(self):
        """Newest first; ties broken by id so pages never overlap (matches the indexes)."""
        return self.order_by("-published_at", "-pk")

    def bulk_create(self, objs, *args, **kwargs):
        """Insert as usual; each row's search document is built on the way in (by its
        field), so the zones are fetched here once for the whole batch.
        """
        from members.models import Zone

        objs = list(objs)
        wanted = {o.zone_id for o in objs if o.zone_id and not Article.zone.is_cached(o)}
        zones = Zone.objects.in_bulk(wanted) if wanted else {}
        for obj in objs:
            if obj.zone_id in zones and not Article.zone.is_cached(obj):
                obj.zone = zones[obj.zone_id]
        return super().bulk_create(objs, *args, **kwargs)


class Article(AuditedModel):
    """A news item, notice or policy published by the association or sent in by a zone."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PENDING = "pending", _("待审核")
        RETURNED = "returned", _("退回修改")
        PUBLISHED = "published", _("已发布")
        REJECTED = "rejected", _("未采用")
        ARCHIVED = "archived", _("已归档")

    title = models.CharField(_("标题"), max_length=200)
    category = models.ForeignKey(
        Category, verbose_name=_("栏目"), on_delete=models.PROTECT, related_name="articles"
    )
    zone = models.ForeignKey(
        "members.Zone",
        verbose_name=_("所属园区"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    source = models.CharField(_("来源"), max_length=100, blank=True)
    author = models.CharField(_("作者"), max_length=100, blank=True)
    publisher = models.CharField(_("发布人"), max_length=100, blank=True)
    summary = models.TextField(
        _("摘要"),
        blank=True,
        validators=[MaxLengthValidator(500)],
        help_text=_("留空则取正文开头。"),
    )
    body = RichTextField(_("正文"), blank=True)
    cover = models.ImageField(_("封面图"), upload_to="covers/%Y/%m/", blank=True)
    # Resized renditions for srcset (django-imagekit, made on first use, then cached).
    cover_small = ImageSpecField(
        source="cover",
        processors=[ResizeToFill(480, 270)],
        format="JPEG",
        options={"quality": 78, "progressive": True},
    )
    cover_medium = ImageSpecField(
        source="cover",
        processors=[ResizeToFill(960, 540)],
        format="JPEG",
        options={"quality": 80, "progressive": True},
    )
    cover_large = ImageSpecField(
        source="cover",
        processors=[ResizeToFill(1440, 810)],
        format="JPEG",
        options={"quality": 82, "progressive": True},
    )
    cover_alt = models.CharField(
        _("封面图说明"), max_length=200, blank=True, help_text=_("为视障读者描述图片内容。")
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("发布时间"), default=timezone.now, help_text=_("晚于现在则定时发布，届时自动显示。")
    )
    is_pinned = models.BooleanField(_("置顶"), default=False)
    is_headline = models.BooleanField(_("头条"), default=False)
    is_carousel = models.BooleanField(_("幻灯"), default=False)
    view_count = models.PositiveIntegerField(_("点击量"), default=0, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("投稿人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="contributions",
        help_text=_("会员单位投稿的作者账号；协会自己发布的文章为空。"),
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True, editable=False)
    search_document = SearchDocumentField(
        _("搜索索引"), builder="news.search.documents.article_document"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            # Public lists read published rows newest first; these partial indexes hold
            # exactly those rows in exactly that order, so even deep pages walk an index.
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="article_public_order_idx",
            ),
            models.Index(
                "category",
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="article_public_cat_idx",
            ),
            models.Index(
                "zone",
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="article_public_zone_idx",
            ),
            SearchDocumentIndex(fields=["search_document"], name="article_search_idx"),
        ]
        permissions = [
            ("preview_article", _("可以预览未发布的文章")),
            ("review_article", _("可以审核投稿")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("news:article-detail", self.pk)

    def save(self, *args, **kwargs):
        """Save; the search document is rebuilt by its field whenever what it is built
        from is written, including a partial save and an instance loaded without it.
        """
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            if SEARCH_SOURCE_FIELDS.intersection(update_fields):
                kwargs["update_fields"] = {*update_fields, "search_document"}
        elif "search_document" in self.get_deferred_fields():
            self.search_document = None  # loaded (deferred); set so the row update writes it
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def lead(self) -> str:
        """The summary, or the start of the body when no summary was written (lists load
        articles without their body; then the summary alone is used)."""
        text = self.summary
        if not text and "body" not in self.get_deferred_fields():
            text = html_to_text(self.body)
        return text[:120] + ("…" if len(text) > 120 else "")

    def record_view(self) -> None:
        """Count one view (news.view_counts: exact, written in batches) and show it."""
        # The row was read before this view; add it and the views still waiting to be written.
        self.view_count += max(view_counts.record(self.pk), 1)


class ArticleEvent(models.Model):
    """One step in an article's review history: who did what, when, and why."""

    class Action(models.TextChoices):
        SAVED = "saved", _("保存草稿")
        SUBMITTED = "submitted", _("提交审核")
        APPROVED = "approved", _("审核通过")
        RETURNED = "returned", _("退回修改")
        REJECTED = "rejected", _("不予采用")

    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("原状态"), max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=Article.Status.choices)
    comment = models.TextField(_("意见"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.article}"


class Contribution(Article):
    """Articles sent in by member zones, as the reviewers' queue in the admin sees them."""

    class Meta:
        proxy = True
        verbose_name = _("投稿审核")
        verbose_name_plural = _("投稿审核")
