"""Guestbook writes: leaving a message, moderating it and replying to it.

Each function is atomic and keyword-only; email to staff goes out once the new message
has been committed, so a rolled-back request never announces a message that isn't there.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import notifications
from .models import GuestbookMessage

IP_HASH_SALT = "association.guestbook.ip"


def hash_ip(ip: str | None) -> str:
    """An irreversible, keyed digest of a visitor's address (the address itself is not kept)."""
    if not ip:
        return ""
    return salted_hmac(IP_HASH_SALT, ip, algorithm="sha256").hexdigest()


@transaction.atomic
def guestbook_message_create(
    *, name: str, contact: str, subject: str, message: str, ip: str | None = None
) -> GuestbookMessage:
    """Store a visitor's message for moderation and tell the staff after commit."""
    entry = GuestbookMessage.objects.create(
        name=name,
        contact=contact,
        subject=subject,
        message=message,
        status=GuestbookMessage.Status.PENDING,
        ip_hash=hash_ip(ip),
    )
    transaction.on_commit(lambda: notifications.guestbook_message_received(entry))
    return entry


@transaction.atomic
def guestbook_messages_set_status(*, queryset, status: str) -> int:
    """Approve or hide several messages at once; returns how many changed.

    Saved one by one (moderation batches are small) so that ``post_save`` listeners,
    such as the page cache's invalidation, see every change.
    """
    changed = 0
    for entry in queryset.exclude(status=status).select_related(None).select_for_update():
        entry.status = status
        entry.save(update_fields=["status"])
        changed += 1
    return changed


def guestbook_reply_stamp(*, entry: GuestbookMessage, user) -> None:
    """Record who answered and when, after ``entry.reply`` was edited (not saved here).

    An emptied reply clears the stamp, so the public page never shows an empty answer.
    """
    if entry.reply.strip():
        entry.replied_by = user
        entry.replied_at = timezone.now()
    else:
        entry.reply = ""
        entry.replied_by = None
        entry.replied_at = None
