"""The association's own pages and the public guestbook (留言箱)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from news.views import paginate

from .forms import GuestbookForm
from .models import GuestbookMessage, Page
from .services import guestbook_message_create

GUESTBOOK_PAGE_SIZE = 10
# Real visitors rarely leave more than one or two messages an hour.
GUESTBOOK_RATE = "5/h"
SUCCESS_MESSAGE = gettext_lazy("留言已收到，谢谢！工作人员审核后会在本页公开，并尽快答复。")


def page_detail(request, slug: str):
    """``/about/<slug>/``: 协会简介, 协会章程 and the like."""
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(
        request, "association/page_detail.html", {"page": page, "crumbs": [(page.title, None)]}
    )


@never_cache
def guestbook(request):
    """``/guestbook/``: approved messages with their replies, and the form to leave one.

    A new message waits for moderation. What the visitor typed stays in the form when
    anything is wrong, including a rate limit; a honeypot hit looks like success.
    """
    form = GuestbookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            messages.success(request, SUCCESS_MESSAGE)
            return redirect(reverse("guestbook") + "#guestbook-form")
        if _rate_limited(request):
            form.add_error(None, _("留言过于频繁，请稍后再试。您填写的内容已保留。"))
        else:
            guestbook_message_create(
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                ip=request.META.get("REMOTE_ADDR"),
            )
            messages.success(request, SUCCESS_MESSAGE)
            return redirect(reverse("guestbook") + "#guestbook-form")
    entries = GuestbookMessage.objects.published().only(
        "name", "subject", "message", "reply", "replied_at", "created_at"
    )
    return render(
        request,
        "association/guestbook.html",
        {
            "form": form,
            "page_obj": paginate(request, entries, per_page=GUESTBOOK_PAGE_SIZE),
            "crumbs": [(_("留言箱"), None)],
        },
    )


def _rate_limited(request) -> bool:
    """Per-address limit on stored messages; only sends that passed every check count."""
    return is_ratelimited(
        request,
        group="guestbook",
        key="ip",
        rate=getattr(settings, "GUESTBOOK_RATE", GUESTBOOK_RATE),
        method="POST",
        increment=True,
    )
