"""Admin for regions and member zones."""

from django.contrib import admin

from core.admin import AuditedAdminMixin

from .models import Region, ReviewerScope, Zone, ZoneMembership


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    raw_id_fields = ("parent",)

    def has_delete_permission(self, request, obj=None):
        # Zones point at regions; GB/T 2260 rows are reference data.
        return False


@admin.register(Zone)
class ZoneAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "level", "region", "role", "is_active", "order")
    list_editable = ("order", "is_active")
    list_filter = ("level", "kind", "role", "is_active")
    list_select_related = ("region",)
    search_fields = ("name", "short_name", "slug", "industries", "region__name")
    autocomplete_fields = ("region",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "level", "region", "role")}),
        (None, {"fields": ("established", "area_km2", "industries", "introduction", "logo")}),
        (None, {"fields": ("website", "contact_phone", "contact_address", "is_active", "order")}),
    )


@admin.register(ZoneMembership)
class ZoneMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "zone", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "zone__name")
    autocomplete_fields = ("user", "zone")
    list_select_related = ("user", "zone")


@admin.register(ReviewerScope)
class ReviewerScopeAdmin(admin.ModelAdmin):
    list_display = ("user", "region")
    search_fields = ("user__username", "region__name", "region__code")
    autocomplete_fields = ("user", "region")
    list_select_related = ("user", "region")
