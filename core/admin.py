"""Admin helpers shared by every app."""

from django.utils.translation import gettext_lazy as _


class AuditedAdminMixin:
    """Fill ``created_by``/``updated_by`` of an ``AuditedModel`` and show the audit trail."""

    audit_fields = ("created_at", "created_by", "updated_at", "updated_by")

    def get_readonly_fields(self, request, obj=None):
        return tuple(super().get_readonly_fields(request, obj)) + self.audit_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.fieldsets is None:
            # Default single fieldset: keep the audit fields apart, at the end.
            fields = [f for f in fieldsets[0][1]["fields"] if f not in self.audit_fields]
            fieldsets = [(None, {"fields": fields})]
        if obj is not None:
            fieldsets.append(
                (_("审计信息"), {"fields": self.audit_fields, "classes": ["collapse"]})
            )
        return fieldsets

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
