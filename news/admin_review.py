"""The reviewers' queue in the admin: submitted contributions, oldest first, each opened on
a page with the article preview beside the decision form."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from members.permissions import is_reviewer, reviewer_covers_zone, reviewer_region_q

from . import services
from .models import Article, Contribution
from .review_forms import ReviewDecisionForm


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "zone",
        "region",
        "category",
        "submitted_by",
        "submitted_at",
        "review_link",
    )
    list_display_links = None
    list_filter = ("category",)
    search_fields = ("title", "zone__name")
    ordering = ("submitted_at", "pk")
    list_select_related = ("zone__region", "category", "submitted_by")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status=Article.Status.PENDING, submitted_by__isnull=False)
            .filter(reviewer_region_q(request.user))
        )

    def has_module_permission(self, request):
        return is_reviewer(request.user)

    def has_view_permission(self, request, obj=None):
        return is_reviewer(request.user)

    def has_change_permission(self, request, obj=None):
        return is_reviewer(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("地区"))
    def region(self, obj):
        return obj.zone.region if obj.zone else "—"

    @admin.display(description=_("审核"))
    def review_link(self, obj):
        url = reverse("admin:news_contribution_review", args=[obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("审核"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="news_contribution_review",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:news_contribution_review", pk=object_id)

    def review_view(self, request, pk):
        """Preview beside the decision; every decision goes through news.services."""
        if not is_reviewer(request.user):
            raise PermissionDenied
        article = get_object_or_404(
            Article.objects.select_related("zone__region", "category", "submitted_by"),
            pk=pk,
            submitted_by__isnull=False,
        )
        if not reviewer_covers_zone(request.user, article.zone):
            raise PermissionDenied
        form = ReviewDecisionForm(request.POST or None)
        is_pending = article.status == Article.Status.PENDING
        if request.method == "POST" and is_pending and form.is_valid():
            try:
                self._decide(request, article, form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("admin:news_contribution_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("审核投稿：%(title)s") % {"title": article.title},
            "article": article,
            "form": form,
            "events": article.events.select_related("actor"),
            "is_pending": is_pending,
        }
        return TemplateResponse(request, "admin/news/contribution_review.html", context)

    def _decide(self, request, article, data):
        decision, comment = data["decision"], data.get("comment", "")
        if decision == ReviewDecisionForm.APPROVE:
            services.article_approve(
                article=article,
                reviewer=request.user,
                publish_at=data.get("publish_at"),
                comment=comment,
            )
            self.message_user(request, _("已通过：%(t)s") % {"t": article.title}, messages.SUCCESS)
        elif decision == ReviewDecisionForm.RETURN:
            services.article_return(article=article, reviewer=request.user, comment=comment)
            self.message_user(request, _("已退回：%(t)s") % {"t": article.title}, messages.INFO)
        else:
            services.article_reject(article=article, reviewer=request.user, comment=comment)
            self.message_user(
                request, _("已不予采用：%(t)s") % {"t": article.title}, messages.WARNING
            )
