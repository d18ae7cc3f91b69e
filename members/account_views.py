"""The zone staff's side of the public site: submit, follow and revise contributions."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from news.models import Article, ArticleEvent
from news.services import can_edit_contribution, contribution_save
from news.views import paginate

from .forms import ContributionForm, InviteColleagueForm
from .models import ZoneMembership
from .permissions import admin_zone_ids, is_zone_staff, visible_contributions

SUBMIT_RATE = "20/h"


class LoginView(auth_views.LoginView):
    """Django's login view puts the request's host in ``site``, hiding the association's
    ``site`` (name, logo) that every template takes from the context processor."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.pop("site", None)
        context.pop("site_name", None)
        return context


def zone_staff_required(view):
    """Logged-in zone staff only; association staff use the admin instead."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_zone_staff(request.user):
            raise PermissionDenied(_("只有会员单位的账号可以投稿。"))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _rate_limited(request) -> bool:
    """Per-user and per-IP limits on saving contributions."""
    by_user = is_ratelimited(
        request, group="contribution", key="user", rate=SUBMIT_RATE, method="POST", increment=True
    )
    by_ip = is_ratelimited(
        request, group="contribution-ip", key="ip", rate="60/h", method="POST", increment=True
    )
    return by_user or by_ip


@never_cache
@zone_staff_required
def contribution_edit(request, pk: int | None = None):
    """``/submit/`` (new) and ``/submit/<pk>/`` (revise a draft or returned item)."""
    article = None
    if pk is not None:
        article = get_object_or_404(
            visible_contributions(request.user, Article.objects.all()), pk=pk
        )
        if not can_edit_contribution(request.user, article):
            messages.warning(request, _("这篇稿件正在审核或已处理，不能再修改。"))
            return redirect("account:contribution-detail", pk=article.pk)
    form = ContributionForm(
        request.POST or None, request.FILES or None, instance=article, user=request.user
    )
    if request.method == "POST":
        if _rate_limited(request):
            form.add_error(None, _("提交过于频繁，请稍后再试。您填写的内容已保留。"))
        elif form.is_valid():
            submit = "submit" in request.POST
            saved = contribution_save(
                user=request.user, article=article, data=form.cleaned_data, submit=submit
            )
            if submit:
                messages.success(request, _("稿件已提交，审核结果会通过邮件通知您。"))
            else:
                messages.success(request, _("草稿已保存。"))
            return redirect("account:contribution-detail", pk=saved.pk)
    return render(
        request,
        "members/contribution_form.html",
        {
            "form": form,
            "article": article,
            "review_comment": _last_review_comment(article),
            "crumbs": [
                (_("我的投稿"), reverse("account:contribution-list")),
                (_("修改稿件") if article else _("我要投稿"), None),
            ],
        },
    )


def _last_review_comment(article) -> str:
    """The reviewer's comment that sent ``article`` back, shown while revising."""
    if article is None or article.status != Article.Status.RETURNED:
        return ""
    event = article.events.filter(action=ArticleEvent.Action.RETURNED).last()
    return event.comment if event else ""


@never_cache
@zone_staff_required
def contribution_list(request):
    """``/account/contributions/``: own items; zone admins see their whole zone's."""
    queryset = (
        visible_contributions(request.user, Article.objects.filter(submitted_by__isnull=False))
        .select_related("category", "zone", "submitted_by")
        .order_by("-updated_at", "-pk")
    )
    return render(
        request,
        "members/contribution_list.html",
        {
            "page_obj": paginate(request, queryset),
            "is_zone_admin": bool(admin_zone_ids(request.user)),
            "crumbs": [(_("我的投稿"), None)],
        },
    )


@never_cache
@zone_staff_required
def contribution_detail(request, pk: int):
    """One contribution with its state, reviewer comments and full history."""
    article = get_object_or_404(
        visible_contributions(request.user, Article.objects.select_related("category", "zone")),
        pk=pk,
    )
    return render(
        request,
        "members/contribution_detail.html",
        {
            "article": article,
            "events": article.events.select_related("actor"),
            "can_edit": can_edit_contribution(request.user, article),
            "crumbs": [
                (_("我的投稿"), reverse("account:contribution-list")),
                (article.title, None),
            ],
        },
    )


@never_cache
@zone_staff_required
def invite_colleague(request):
    """Zone admins add a colleague to their zone; the colleague sets a password by email."""
    zone_ids = admin_zone_ids(request.user)
    if not zone_ids:
        raise Http404
    memberships = ZoneMembership.objects.filter(zone_id__in=zone_ids).select_related("zone")
    zone = memberships.filter(user=request.user).first().zone
    form = InviteColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(
                username=form.cleaned_data["email"],
                defaults={
                    "email": form.cleaned_data["email"],
                    "first_name": form.cleaned_data["name"],
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            ZoneMembership.objects.get_or_create(user=user, zone=zone)
        link = request.build_absolute_uri(
            reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        )
        send_mail(
            _("邀请您成为%(zone)s的投稿账号") % {"zone": zone.name},
            _("%(inviter)s 邀请您为%(zone)s向协会网站投稿。请打开下面的链接设置密码：\n%(link)s\n")
            % {
                "inviter": request.user.get_full_name() or request.user.get_username(),
                "zone": zone.name,
                "link": link,
            },
            None,
            [user.email],
        )
        messages.success(request, _("邀请已发送到 %(email)s。") % {"email": user.email})
        return redirect("account:invite")
    return render(
        request,
        "members/invite.html",
        {
            "form": form,
            "zone": zone,
            "colleagues": memberships.select_related("user"),
            "crumbs": [
                (_("我的投稿"), reverse("account:contribution-list")),
                (_("邀请同事"), None),
            ],
        },
    )
