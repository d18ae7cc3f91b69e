"""Admin for the association's pages, footer links and site settings."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import AuditedAdminMixin

from .models import GuestbookMessage, Link, LinkGroup, Page, SiteSettings
from .services import guestbook_messages_set_status, guestbook_reply_stamp


@admin.register(Page)
class PageAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "order", "is_published", "updated_at")
    list_editable = ("order", "is_published")
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}


class LinkInline(admin.TabularInline):
    model = Link
    extra = 1


@admin.register(LinkGroup)
class LinkGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    inlines = [LinkInline]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class RepliedListFilter(admin.SimpleListFilter):
    """Messages still waiting for an answer, or already answered."""

    title = _("答复情况")
    parameter_name = "replied"

    def lookups(self, request, model_admin):
        return [("no", _("未答复")), ("yes", _("已答复"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(reply="")
        if self.value() == "yes":
            return queryset.exclude(reply="")
        return queryset


@admin.register(GuestbookMessage)
class GuestbookMessageAdmin(admin.ModelAdmin):
    """Moderation of the guestbook: approve, hide, and reply (the reply is public)."""

    list_display = ("subject", "name", "status", "created_at", "has_reply", "replied_by")
    list_filter = ("status", RepliedListFilter, "created_at")
    search_fields = ("subject", "message", "name", "contact", "reply")
    date_hierarchy = "created_at"
    actions = ["approve", "hide"]
    list_select_related = ("replied_by",)
    fieldsets = [
        (_("留言"), {"fields": ("name", "contact", "subject", "message", "created_at", "ip_hash")}),
        (_("审核与答复"), {"fields": ("status", "reply", "replied_by", "replied_at")}),
    ]
    readonly_fields = ("created_at", "ip_hash", "replied_by", "replied_at")

    def has_add_permission(self, request):
        return False  # messages come from the public form only

    @admin.display(boolean=True, description=_("已答复"))
    def has_reply(self, obj):
        return bool(obj.reply)

    def save_model(self, request, obj, form, change):
        if "reply" in form.changed_data:
            guestbook_reply_stamp(entry=obj, user=request.user)
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status, done):
        count = guestbook_messages_set_status(queryset=queryset, status=status)
        self.message_user(request, done(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("公开所选留言"), permissions=["change"])
    def approve(self, request, queryset):
        self._set_status(
            request,
            queryset,
            GuestbookMessage.Status.APPROVED,
            lambda n: ngettext("已公开 %(count)d 条留言。", "已公开 %(count)d 条留言。", n),
        )

    @admin.action(description=_("隐藏所选留言"), permissions=["change"])
    def hide(self, request, queryset):
        self._set_status(
            request,
            queryset,
            GuestbookMessage.Status.HIDDEN,
            lambda n: ngettext("已隐藏 %(count)d 条留言。", "已隐藏 %(count)d 条留言。", n),
        )
