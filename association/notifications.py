"""Email to the association staff about a new guestbook message."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from members.permissions import PERMISSION_BACKEND

logger = logging.getLogger(__name__)

MODERATE_PERMISSION = "association.change_guestbookmessage"


def guestbook_moderators():
    """Active staff with an email who may moderate the guestbook.

    Users holding the permission directly or through a group; when nobody does (a fresh
    site), the active superusers, so that a message is never announced to no one.
    """
    users = get_user_model().objects
    moderators = (
        users.with_perm(MODERATE_PERMISSION, include_superusers=False, backend=PERMISSION_BACKEND)
        .filter(is_active=True, is_staff=True)
        .exclude(email="")
    )
    return list(moderators) or list(
        users.filter(is_active=True, is_superuser=True).exclude(email="")
    )


def guestbook_message_received(entry) -> int:
    """Tell the moderators that ``entry`` waits for them; logs instead of failing."""
    recipients = [user.email for user in guestbook_moderators()]
    if not recipients:
        return 0
    link = settings.SITE_URL.rstrip("/") + reverse(
        "admin:association_guestbookmessage_change", args=[entry.pk]
    )
    subject = _("【留言箱】%(subject)s") % {"subject": entry.subject}
    body = _(
        "%(name)s 在留言箱留言《%(subject)s》，等待审核：\n\n%(message)s\n\n审核与回复：%(link)s\n"
    ) % {
        "name": entry.name,
        "subject": entry.subject,
        "message": entry.message,
        "link": link,
    }
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:  # any backend failure: the message itself is already stored
        logger.exception("could not send %d guestbook notification(s)", len(messages))
        return 0
