"""Pieces shared by every content model."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditedModel(models.Model):
    """Abstract base recording when and by whom a row was created and last changed.

    The admin fills the user fields through ``core.admin.AuditedAdminMixin``; services
    pass the acting user explicitly.
    """

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最后修改人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True
