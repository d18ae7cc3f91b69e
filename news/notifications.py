"""Emails about contributions: to reviewers in scope on a submission, to the author on a
decision. Sent through Django's email backend (console in development, SMTP from the
environment in production)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from members.permissions import PERMISSION_BACKEND, reviewer_covers_zone

logger = logging.getLogger(__name__)


def _send(messages) -> int:
    """Send, logging instead of failing: a decision is already committed when mail goes out."""
    if not messages:
        return 0
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:  # any backend failure (SMTP down, refused address …)
        logger.exception("could not send %d contribution notification(s)", len(messages))
        return 0


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reviewers_for(article):
    """Active reviewers (by permission, not superusers by default) covering the zone."""
    users = (
        get_user_model()
        .objects.with_perm(
            "news.review_article", include_superusers=False, backend=PERMISSION_BACKEND
        )
        .filter(is_active=True, is_staff=True)
        .exclude(email="")
    )
    return [user for user in users if reviewer_covers_zone(user, article.zone)]


def contribution_submitted(article) -> int:
    """Tell the reviewers in scope that a contribution waits for them."""
    zone = article.zone.name if article.zone else ""
    subject = _("【待审核】%(zone)s：%(title)s") % {"zone": zone, "title": article.title}
    link = _absolute(reverse("admin:news_contribution_review", args=[article.pk]))
    body = _("%(zone)s 提交了投稿《%(title)s》，请审核：\n%(link)s\n") % {
        "zone": zone,
        "title": article.title,
        "link": link,
    }
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in reviewers_for(article)
    ]
    return _send(messages)


def contribution_decided(article, event) -> int:
    """Tell the author what the reviewer decided, with the comment."""
    author = article.submitted_by
    if author is None or not author.email:
        return 0
    subject = _("【%(decision)s】%(title)s") % {
        "decision": event.get_action_display(),
        "title": article.title,
    }
    lines = [
        _("您的投稿《%(title)s》：%(decision)s。")
        % {"title": article.title, "decision": event.get_action_display()}
    ]
    if event.comment:
        lines.append(_("审核意见：%(comment)s") % {"comment": event.comment})
    lines.append(_absolute(reverse("account:contribution-detail", args=[article.pk])))
    messages = [(subject, "\n".join(lines) + "\n", settings.DEFAULT_FROM_EMAIL, [author.email])]
    return _send(messages)
