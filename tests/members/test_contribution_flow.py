"""The contribution workflow end to end, and its permission boundaries."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import ReviewerScope, ZoneMembership
from news import services
from news.models import Article, ArticleEvent
from tests.factories import CategoryFactory, StaffFactory, UserFactory, ZoneFactory, region

pytestmark = pytest.mark.django_db


def png_upload(name="cover.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def column():
    return CategoryFactory(name="园区快讯", slug="park-express", open_for_contributions=True)


@pytest.fixture
def hunan_zone():
    return ZoneFactory(name="长沙经济技术开发区", short_name="长沙经开区", region=region("430121"))


@pytest.fixture
def hubei_zone():
    return ZoneFactory(name="武汉东湖新技术开发区", region=region("420111"))


def zone_user(zone, username, role=ZoneMembership.Role.CONTRIBUTOR):
    user = UserFactory(username=username, email=f"{username}@zone.example.org")
    ZoneMembership.objects.create(user=user, zone=zone, role=role)
    return user


def reviewer_user(username="reviewer", scope=None):
    user = StaffFactory(username=username, email=f"{username}@assoc.example.org")
    user.user_permissions.add(Permission.objects.get(codename="review_article"))
    if scope:
        ReviewerScope.objects.create(user=user, region=region(scope))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


def new_contribution(user, zone, column, title, *, submit=True, body="<p>x</p>"):
    """A contribution saved through the workflow service, as the form would save it."""
    data = {"title": title, "zone": zone, "category": column, "body": body}
    return services.contribution_save(user=user, article=None, submit=submit, data=data)


def form_data(zone, column, **overrides):
    data = {
        "title": "长沙经开区一季度重大项目集中开工",
        "zone": zone.pk,
        "category": column.pk,
        "summary": "十个项目集中开工。",
        "body": "<p>一季度，园区十个重大项目集中开工。</p>",
        "cover_alt": "开工仪式现场",
        "source": "长沙经开区管委会",
        "author": "李明",
    }
    data.update(overrides)
    return data


def test_full_flow_submit_return_revise_approve_public(
    client, column, hunan_zone, django_capture_on_commit_callbacks
):
    contributor = zone_user(hunan_zone, "contributor")
    reviewer = reviewer_user(scope="430000")
    client.force_login(contributor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account:submit"),
            {**form_data(hunan_zone, column), "submit": "1", "cover": png_upload()},
        )
    article = Article.objects.get(submitted_by=contributor)
    assert response.status_code == 302
    assert article.status == Article.Status.PENDING
    assert article.cover.name.startswith(f"contrib/u{contributor.pk}/")
    assert [m.to for m in mail.outbox] == [[reviewer.email]]

    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=article, reviewer=reviewer, comment="请补充投资额。")
    article.refresh_from_db()
    assert article.status == Article.Status.RETURNED
    assert "请补充投资额" in mail.outbox[-1].body and mail.outbox[-1].to == [contributor.email]

    page = client.get(reverse("account:contribution-edit", args=[article.pk]))
    assert "请补充投资额" in page.content.decode()
    response = client.post(
        reverse("account:contribution-edit", args=[article.pk]),
        {**form_data(hunan_zone, column, body="<p>总投资120亿元。</p>"), "submit": "1"},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING
    assert "120亿元" in article.body
    assert article.cover  # kept from the first submission

    services.article_approve(article=article, reviewer=reviewer)
    article.refresh_from_db()
    assert article.is_public
    actions = list(article.events.values_list("action", flat=True))
    assert actions == ["submitted", "returned", "submitted", "approved"]

    client.logout()
    for url in (
        article.get_absolute_url(),
        hunan_zone.get_absolute_url(),
        reverse("news:article-list") + "?region=430000",
        reverse("news:article-list") + f"?category={column.slug}&zone={hunan_zone.slug}",
    ):
        assert article.title in client.get(url).content.decode(), url


def test_save_draft_then_history_visible_to_contributor(client, column, hunan_zone):
    contributor = zone_user(hunan_zone, "drafter")
    client.force_login(contributor)
    client.post(reverse("account:submit"), {**form_data(hunan_zone, column), "save": "1"})
    article = Article.objects.get(submitted_by=contributor)
    assert article.status == Article.Status.DRAFT
    assert mail.outbox == []
    page = client.get(reverse("account:contribution-detail", args=[article.pk])).content.decode()
    assert "保存草稿" in page and article.title in page


def test_invalid_submission_keeps_text_and_cover(client, column, hunan_zone):
    contributor = zone_user(hunan_zone, "typist")
    client.force_login(contributor)
    response = client.post(
        reverse("account:submit"),
        {**form_data(hunan_zone, column, title=""), "submit": "1", "cover": png_upload()},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "一季度，园区十个重大项目集中开工" in html and "长沙经开区管委会" in html
    token = response.context["form"].cover_token_value
    assert token and f"contrib/u{contributor.pk}/" in response.context["form"].retained_cover
    client.post(
        reverse("account:submit"),
        {**form_data(hunan_zone, column), "submit": "1", "cover_token": token},
    )
    article = Article.objects.get(submitted_by=contributor)
    assert article.cover.name == response.context["form"].retained_cover


def test_cover_token_of_another_user_is_ignored(client, column, hunan_zone):
    alice = zone_user(hunan_zone, "alice")
    bob = zone_user(hunan_zone, "bob")
    client.force_login(alice)
    response = client.post(
        reverse("account:submit"),
        {**form_data(hunan_zone, column, title=""), "cover": png_upload()},
    )
    token = response.context["form"].cover_token_value
    client.force_login(bob)
    client.post(
        reverse("account:submit"),
        {**form_data(hunan_zone, column), "submit": "1", "cover_token": token},
    )
    assert not Article.objects.get(submitted_by=bob).cover


def test_body_images_limited_to_own_uploads(client, column, hunan_zone):
    contributor = zone_user(hunan_zone, "imager")
    client.force_login(contributor)
    own = f"/media/contrib/u{contributor.pk}/2026/11/a.png"
    body = f'<p>x</p><img src="{own}"><img src="/media/contrib/u999/b.png"><img src="https://evil.example/c.png">'
    client.post(
        reverse("account:submit"), {**form_data(hunan_zone, column, body=body), "submit": "1"}
    )
    stored = Article.objects.get(submitted_by=contributor).body
    assert own in stored
    assert "u999" not in stored and "evil.example" not in stored


def test_zone_user_cannot_see_or_edit_other_zone_items(client, column, hunan_zone, hubei_zone):
    owner = zone_user(hunan_zone, "owner")
    outsider = zone_user(hubei_zone, "outsider")
    article = new_contribution(owner, hunan_zone, column, "草稿", submit=False)
    client.force_login(outsider)
    for name in ("account:contribution-detail", "account:contribution-edit"):
        assert client.get(reverse(name, args=[article.pk])).status_code == 404
        assert (
            client.post(reverse(name, args=[article.pk]), form_data(hubei_zone, column)).status_code
            == 404
        )
    assert article.title not in client.get(reverse("account:contribution-list")).content.decode()
    with pytest.raises(PermissionDenied):
        services.contribution_save(
            user=outsider, article=article, submit=True, data={"zone": hubei_zone, "title": "改"}
        )
    # Nor may they post on behalf of a zone they do not belong to.
    client.post(reverse("account:submit"), {**form_data(hunan_zone, column), "submit": "1"})
    assert not Article.objects.filter(submitted_by=outsider).exists()


def test_zone_admin_sees_whole_zone_but_colleague_sees_own(client, column, hunan_zone):
    admin = zone_user(hunan_zone, "zoneadmin", role=ZoneMembership.Role.ADMIN)
    colleague = zone_user(hunan_zone, "colleague")
    article = new_contribution(colleague, hunan_zone, column, "同事的稿件")
    client.force_login(admin)
    assert "同事的稿件" in client.get(reverse("account:contribution-list")).content.decode()
    assert client.get(reverse("account:contribution-detail", args=[article.pk])).status_code == 200
    other = zone_user(hunan_zone, "other")
    client.force_login(other)
    assert client.get(reverse("account:contribution-detail", args=[article.pk])).status_code == 404


def test_zone_admin_invites_colleague(client, hunan_zone):  # invitation mail is sent inline
    admin = zone_user(hunan_zone, "inviter", role=ZoneMembership.Role.ADMIN)
    client.force_login(admin)
    response = client.post(reverse("account:invite"), {"name": "王芳", "email": "wf@zone.org"})
    assert response.status_code == 302
    membership = ZoneMembership.objects.get(user__email="wf@zone.org")
    assert membership.zone == hunan_zone and membership.role == ZoneMembership.Role.CONTRIBUTOR
    assert "/account/reset/" in mail.outbox[-1].body
    plain = zone_user(hunan_zone, "plain")
    client.force_login(plain)
    assert client.get(reverse("account:invite")).status_code == 404


def test_published_item_can_no_longer_be_changed(client, column, hunan_zone):
    contributor = zone_user(hunan_zone, "publisher")
    article = new_contribution(contributor, hunan_zone, column, "已发布")
    services.article_approve(article=article, reviewer=reviewer_user())
    client.force_login(contributor)
    response = client.post(
        reverse("account:contribution-edit", args=[article.pk]),
        {**form_data(hunan_zone, column, title="偷改标题"), "submit": "1"},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "已发布" and article.status == Article.Status.PUBLISHED
    with pytest.raises(PermissionDenied):
        services.contribution_save(
            user=contributor, article=article, submit=True, data={"zone": hunan_zone, "title": "改"}
        )


def test_zone_user_cannot_reach_admin_or_publish(client, column, hunan_zone):
    contributor = zone_user(hunan_zone, "noadmin")
    client.force_login(contributor)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    article = new_contribution(contributor, hunan_zone, column, "想自己发布")
    with pytest.raises(PermissionDenied):
        services.article_approve(article=article, reviewer=contributor)
    review_url = reverse("admin:news_contribution_review", args=[article.pk])
    assert client.post(review_url, {"decision": "approve"}).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING


def test_out_of_scope_reviewer_cannot_see_or_act(client, column, hunan_zone, hubei_zone):
    author = zone_user(hubei_zone, "hubeiwriter")
    article = new_contribution(author, hubei_zone, column, "湖北投稿")
    hunan_reviewer = reviewer_user("hunanrev", scope="430000")
    client.force_login(hunan_reviewer)
    queue = client.get(reverse("admin:news_contribution_changelist")).content.decode()
    assert "湖北投稿" not in queue
    review_url = reverse("admin:news_contribution_review", args=[article.pk])
    assert client.get(review_url).status_code == 403
    assert client.post(review_url, {"decision": "approve"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.article_approve(article=article, reviewer=hunan_reviewer)
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING


def test_notifications_reach_only_reviewers_in_scope(
    column, hunan_zone, django_capture_on_commit_callbacks
):
    in_scope = reviewer_user("changsha", scope="430100")
    unscoped = reviewer_user("everywhere")
    reviewer_user("wuhan", scope="420100")
    author = zone_user(hunan_zone, "notify")
    with django_capture_on_commit_callbacks(execute=True):
        new_contribution(author, hunan_zone, column, "通知测试")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([in_scope.email, unscoped.email])


def test_admin_queue_and_review_page(client, column, hunan_zone):
    author = zone_user(hunan_zone, "queued")
    older = new_contribution(author, hunan_zone, column, "较早的投稿", body="<p>早</p>")
    new_contribution(author, hunan_zone, column, "较晚的投稿", body="<p>晚</p>")
    reviewer = reviewer_user()
    client.force_login(reviewer)
    queue = client.get(reverse("admin:news_contribution_changelist")).content.decode()
    assert queue.index("较早的投稿") < queue.index("较晚的投稿")
    assert "长沙县" in queue  # the zone's region
    review_url = reverse("admin:news_contribution_review", args=[older.pk])
    page = client.get(review_url).content.decode()
    assert "<p>早</p>" in page and "审核决定" in page
    response = client.post(review_url, {"decision": "return", "comment": ""})
    assert "退回或不予采用时请写明意见" in response.content.decode()
    client.post(review_url, {"decision": "reject", "comment": "与本栏目无关。"})
    older.refresh_from_db()
    assert older.status == Article.Status.REJECTED
    event = older.events.last()
    assert (event.action, event.actor, event.comment) == (
        ArticleEvent.Action.REJECTED,
        reviewer,
        "与本栏目无关。",
    )


def test_scheduled_approval_is_hidden_until_time(client, column, hunan_zone):
    from django.utils import timezone

    author = zone_user(hunan_zone, "scheduled")
    article = services.contribution_save(
        user=author,
        article=None,
        submit=True,
        data={
            "title": "定时发布的投稿",
            "zone": hunan_zone,
            "category": column,
            "body": "<p>x</p>",
        },
    )
    later = timezone.now() + timezone.timedelta(days=1)
    services.article_approve(article=article, reviewer=reviewer_user(), publish_at=later)
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now())
    assert client.get(article.get_absolute_url()).status_code == 200


def test_decisions_need_comments_and_pending_state(column, hunan_zone):
    author = zone_user(hunan_zone, "states")
    reviewer = reviewer_user()
    article = new_contribution(author, hunan_zone, column, "草稿", submit=False)
    with pytest.raises(ValidationError):
        services.article_approve(article=article, reviewer=reviewer)  # still a draft
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING)
    with pytest.raises(ValidationError):
        services.article_return(article=article, reviewer=reviewer, comment="  ")
    with pytest.raises(ValidationError):
        services.article_reject(article=article, reviewer=reviewer, comment="")


def test_submit_requires_login_and_zone_membership(client):
    response = client.get(reverse("account:submit"))
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("account:submit")).status_code == 403


def test_submissions_are_rate_limited(client, column, hunan_zone, settings):
    contributor = zone_user(hunan_zone, "flooder")
    client.force_login(contributor)
    statuses = [
        client.post(
            reverse("account:submit"),
            {**form_data(hunan_zone, column, title=f"稿{i}"), "save": "1"},
        ).status_code
        for i in range(22)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 200
    assert Article.objects.filter(submitted_by=contributor).count() == 20
