"""Admin for columns and articles."""

from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedAdminMixin

from .models import Article, ArticleEvent, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "parent", "order", "show_on_home", "open_for_contributions")
    list_editable = ("order", "show_on_home", "open_for_contributions")
    list_filter = ("show_on_home", "open_for_contributions", "parent")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class ProvinceListFilter(admin.SimpleListFilter):
    """Filter articles by the province of their zone."""

    title = _("地区（省）")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        from members.models import Region

        return [
            (r.code[:2], r.name)
            for r in Region.objects.provinces().filter(code__in=_provinces_with_zones())
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and len(value) == 2:
            return queryset.filter(zone__region__code__startswith=value)
        return queryset


def _provinces_with_zones() -> set[str]:
    from members.models import Zone

    return {code[:2] + "0000" for code in Zone.objects.values_list("region_id", flat=True)}


class ArticleEventInline(admin.TabularInline):
    """The review history, read-only: it is written by news.services only."""

    model = ArticleEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "actor", "action", "from_status", "to_status", "comment")
    readonly_fields = fields
    verbose_name_plural = _("审核记录")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    inlines = [ArticleEventInline]
    list_display = (
        "title",
        "category",
        "zone",
        "status",
        "published_at",
        "is_pinned",
        "is_headline",
        "is_carousel",
        "view_count",
        "preview_link",
    )
    list_display_links = ("title",)
    list_filter = (
        "status",
        "category",
        ProvinceListFilter,
        ("zone", admin.RelatedOnlyFieldListFilter),
        "is_pinned",
        "is_headline",
        "is_carousel",
        "published_at",
    )
    list_select_related = ("category", "zone")
    search_fields = ("title", "summary", "source", "author", "zone__name")
    date_hierarchy = "published_at"
    autocomplete_fields = ("zone",)
    readonly_fields = ("view_count",)
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("title", "category", "zone", "summary", "body")}),
        (_("图片"), {"fields": ("cover", "cover_alt")}),
        (_("来源与署名"), {"fields": ("source", "author", "publisher")}),
        (
            _("发布"),
            {
                "fields": (
                    "status",
                    "published_at",
                    ("is_pinned", "is_headline", "is_carousel"),
                    "view_count",
                )
            },
        ),
    )
    actions = ("make_published", "make_archived")

    @admin.display(description=_("查看"))
    def preview_link(self, obj):
        label = _("查看") if obj.is_public else _("预览")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label
        )

    @admin.action(description=_("发布所选文章"), permissions=["change"])
    def make_published(self, request, queryset):
        count = self._set_status(request, queryset, Article.Status.PUBLISHED)
        self.message_user(request, _("已发布 %(n)d 篇文章。") % {"n": count})

    @admin.action(description=_("归档所选文章"), permissions=["change"])
    def make_archived(self, request, queryset):
        count = self._set_status(request, queryset, Article.Status.ARCHIVED)
        self.message_user(request, _("已归档 %(n)d 篇文章。") % {"n": count})

    @staticmethod
    def _set_status(request, queryset, status) -> int:
        """Save each article so audit fields are kept (a bulk update would skip them).

        Contributions still waiting for review are left to the review queue.
        """
        count = 0
        with transaction.atomic():
            for article in queryset.exclude(status=Article.Status.PENDING).select_for_update():
                article.status = status
                article.updated_by = request.user
                article.save(update_fields=["status", "updated_by", "updated_at"])
                count += 1
        return count


from . import admin_review  # noqa: E402,F401  (the reviewers queue registers itself)
