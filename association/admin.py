"""Admin for the association's pages, footer links and site settings."""

from django.contrib import admin

from core.admin import AuditedAdminMixin

from .models import Link, LinkGroup, Page, SiteSettings


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
