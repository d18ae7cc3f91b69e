"""The contribution workflow: every state change of an article goes through here.

draft → pending (submitted) → published (approved, now or at a chosen time)
                            → returned (with a comment; edited and resubmitted)
                            → rejected (with a reason)

Each function is atomic, checks who may act, records an ``ArticleEvent`` and sends
the notifications of ``news.notifications`` once the transaction has committed.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.permissions import is_reviewer, member_zones, reviewer_covers_zone

from . import notifications
from .models import Article, ArticleEvent

Status = Article.Status
EDITABLE_BY_CONTRIBUTOR = {Status.DRAFT, Status.RETURNED}
CONTRIBUTION_FIELDS = (
    "title",
    "category",
    "zone",
    "summary",
    "body",
    "cover",
    "cover_alt",
    "source",
    "author",
)


def can_edit_contribution(user, article: Article) -> bool:
    """Contributors edit their own items of their own zones while draft or returned."""
    return (
        article.pk is not None
        and article.submitted_by_id == user.pk
        and article.status in EDITABLE_BY_CONTRIBUTOR
        and member_zones(user).filter(pk=article.zone_id).exists()
    )


def _record(article, *, actor, action, from_status, comment="") -> ArticleEvent:
    return ArticleEvent.objects.create(
        article=article,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=article.status,
        comment=comment,
    )


@transaction.atomic
def contribution_save(*, user, article: Article | None, data: dict, submit: bool) -> Article:
    """Create or update a zone user's contribution from cleaned form ``data``; with
    ``submit`` it goes to the review queue, otherwise it stays a draft."""
    if data["zone"] not in member_zones(user):
        raise PermissionDenied(_("您不是该园区的账号，不能以其名义投稿。"))
    if article is None:
        article = Article(submitted_by=user, status=Status.DRAFT, publisher="")
    elif not can_edit_contribution(user, article):
        raise PermissionDenied(_("这篇稿件当前不能修改。"))
    else:
        article = Article.objects.select_for_update().get(pk=article.pk)
        if not can_edit_contribution(user, article):
            raise PermissionDenied(_("这篇稿件当前不能修改。"))
    for field in CONTRIBUTION_FIELDS:
        if field in data and not (field == "cover" and not data[field]):
            setattr(article, field, data[field])
    from_status = article.status
    article.updated_by = user
    if article.created_by_id is None:
        article.created_by = user
    if submit:
        article.status = Status.PENDING
        article.submitted_at = timezone.now()
    article.save()
    _record(
        article,
        actor=user,
        action=ArticleEvent.Action.SUBMITTED if submit else ArticleEvent.Action.SAVED,
        from_status=from_status,
    )
    if submit:
        transaction.on_commit(lambda: notifications.contribution_submitted(article))
    return article


def _check_reviewer(reviewer, article: Article) -> None:
    if not is_reviewer(reviewer):
        raise PermissionDenied(_("您没有审核投稿的权限。"))
    if not reviewer_covers_zone(reviewer, article.zone):
        raise PermissionDenied(_("这篇投稿不在您负责的地区范围内。"))


def _locked_pending(article: Article) -> Article:
    locked = (
        Article.objects.select_related("zone").select_for_update(of=("self",)).get(pk=article.pk)
    )
    if locked.status != Status.PENDING:
        raise ValidationError(_("这篇稿件已不在待审核状态，可能已被其他审核人处理。"))
    return locked


@transaction.atomic
def article_approve(
    *, article: Article, reviewer, publish_at: dt.datetime | None = None, comment: str = ""
) -> Article:
    """Publish a pending contribution now or at ``publish_at`` (a future time schedules it)."""
    _check_reviewer(reviewer, article)
    article = _locked_pending(article)
    article.status = Status.PUBLISHED
    article.published_at = publish_at or timezone.now()
    article.publisher = article.publisher or reviewer.get_full_name() or reviewer.get_username()
    article.updated_by = reviewer
    article.save()
    event = _record(
        article,
        actor=reviewer,
        action=ArticleEvent.Action.APPROVED,
        from_status=Status.PENDING,
        comment=comment,
    )
    transaction.on_commit(lambda: notifications.contribution_decided(article, event))
    return article


def _decide_with_comment(*, article, reviewer, comment, status, action) -> Article:
    _check_reviewer(reviewer, article)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("请填写意见，投稿人会看到它。"))
    article = _locked_pending(article)
    article.status = status
    article.updated_by = reviewer
    article.save()
    event = _record(
        article, actor=reviewer, action=action, from_status=Status.PENDING, comment=comment
    )
    transaction.on_commit(lambda: notifications.contribution_decided(article, event))
    return article


@transaction.atomic
def article_return(*, article: Article, reviewer, comment: str) -> Article:
    """Send a pending contribution back to its author for revision (comment required)."""
    return _decide_with_comment(
        article=article,
        reviewer=reviewer,
        comment=comment,
        status=Status.RETURNED,
        action=ArticleEvent.Action.RETURNED,
    )


@transaction.atomic
def article_reject(*, article: Article, reviewer, comment: str) -> Article:
    """Decline a pending contribution (reason required)."""
    return _decide_with_comment(
        article=article,
        reviewer=reviewer,
        comment=comment,
        status=Status.REJECTED,
        action=ArticleEvent.Action.REJECTED,
    )
