"""The guestbook (留言箱): moderation, replies, spam checks and email to staff."""

import time

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from association import forms as guestbook_forms
from association.forms import form_timestamp
from association.models import GuestbookMessage
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/guestbook/"


def entry(**kwargs):
    values = {"name": "李先生", "subject": "关于入园政策", "message": "请问有哪些优惠政策？"}
    values.update(kwargs)
    return GuestbookMessage.objects.create(**values)


def post_data(**overrides):
    """A filled form as a person would send it, shown a minute ago."""
    data = {
        "name": "王女士",
        "contact": "13800000000",
        "subject": "咨询标准厂房租赁",
        "message": "想了解园区标准厂房的租金和面积。",
        "remark": "",
        "started": form_timestamp(time.time() - 60),
    }
    data.update(overrides)
    return data


@pytest.fixture
def moderator():
    user = StaffFactory(username="liuyan", email="liuyan@example.org")
    user.user_permissions.add(Permission.objects.get(codename="change_guestbookmessage"))
    return user


def test_url_is_part_of_the_contract():
    assert reverse("guestbook") == URL


def test_only_approved_messages_and_their_replies_are_public(client):
    entry(subject="已公开的留言", status="approved", reply="感谢关注，政策详见通知公告栏目。")
    entry(subject="待审核的留言", reply="不应出现的回复")
    entry(subject="被隐藏的留言", status="hidden", reply="也不应出现")
    html = client.get(URL).content.decode()
    assert "已公开的留言" in html
    assert "感谢关注，政策详见通知公告栏目。" in html
    for hidden in ["待审核的留言", "不应出现的回复", "被隐藏的留言", "也不应出现"]:
        assert hidden not in html


def test_contact_and_address_are_never_shown(client):
    entry(status="approved", contact="13912345678", ip_hash="abc123hash")
    html = client.get(URL).content.decode()
    assert "13912345678" not in html
    assert "abc123hash" not in html


def test_message_text_is_escaped(client):
    entry(status="approved", message="<script>alert(1)</script>第二行", reply="<b>粗</b>")
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<b>粗</b>" not in html


def test_list_is_paginated(client, django_assert_max_num_queries):
    for n in range(25):
        entry(subject=f"第{n}条公开留言", status="approved")
    with django_assert_max_num_queries(8):
        first = client.get(URL).content.decode()
    assert "第24条公开留言" in first
    assert "第0条公开留言" not in first
    last = client.get(URL, {"page": 3}).content.decode()
    assert "第0条公开留言" in last
    assert client.get(URL, {"page": "-1"}).status_code == 200


def test_posting_waits_for_moderation(client):
    response = client.post(URL, post_data(), follow=True)
    assert response.status_code == 200
    saved = GuestbookMessage.objects.get()
    assert saved.status == GuestbookMessage.Status.PENDING
    assert saved.subject == "咨询标准厂房租赁"
    assert saved.contact == "13800000000"
    assert len(saved.ip_hash) == 64 and "127.0.0.1" not in saved.ip_hash
    html = response.content.decode()
    assert "留言已收到" in html and "审核后" in html
    assert "咨询标准厂房租赁" not in html.split('id="guestbook-form"')[0]


def test_bad_input_keeps_what_was_typed(client):
    response = client.post(URL, post_data(name="", message="我写的留言内容需要保留"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "我写的留言内容需要保留" in html
    assert "咨询标准厂房租赁" in html
    assert "form-errors" in html
    assert not GuestbookMessage.objects.exists()


def test_honeypot_pretends_success_and_stores_nothing(client):
    response = client.post(URL, post_data(remark="http://spam.example"), follow=True)
    assert "留言已收到" in response.content.decode()
    assert not GuestbookMessage.objects.exists()
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people_and_labelled(client):
    html = client.get(URL).content.decode()
    assert 'class="field hp-field"' in html and 'tabindex="-1"' in html
    assert "此项请留空" in html


def test_too_fast_submission_is_refused_but_kept(client):
    response = client.post(URL, post_data(started=form_timestamp()))
    html = response.content.decode()
    assert "提交得太快了" in html
    assert "想了解园区标准厂房的租金和面积。" in html
    assert not GuestbookMessage.objects.exists()


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_missing_or_forged_timestamp_is_refused_and_renewed(client, token):
    response = client.post(URL, post_data(started=token))
    assert "表单校验信息无效" in response.content.decode()
    assert not GuestbookMessage.objects.exists()
    renewed = response.context["form"]["started"].value()
    assert renewed and renewed != token


def test_expired_form_is_refused(client):
    old = time.time() - guestbook_forms.MAX_FORM_AGE - 60
    response = client.post(URL, post_data(started=form_timestamp(old)))
    assert "表单已过期" in response.content.decode()
    assert not GuestbookMessage.objects.exists()


def test_too_many_links_are_refused(client):
    links = " ".join(f"https://example.org/{n}" for n in range(3))
    response = client.post(URL, post_data(message=f"请看 {links}"))
    assert "网址太多" in response.content.decode()
    assert not GuestbookMessage.objects.exists()
    client.post(URL, post_data(message="请看 https://example.org/a 和 www.example.org"))
    assert GuestbookMessage.objects.count() == 1


def test_rate_limit_per_address_keeps_the_text(client, settings):
    settings.GUESTBOOK_RATE = "2/h"
    for n in range(2):
        client.post(URL, post_data(subject=f"第{n}次留言"))
    assert GuestbookMessage.objects.count() == 2
    response = client.post(URL, post_data(subject="第三次留言"))
    html = response.content.decode()
    assert "留言过于频繁" in html
    assert "第三次留言" in html
    assert GuestbookMessage.objects.count() == 2
    other = client.post(URL, post_data(subject="另一位访客"), REMOTE_ADDR="10.1.2.3", follow=True)
    assert "留言已收到" in other.content.decode()
    assert GuestbookMessage.objects.count() == 3


def test_new_message_emails_moderators_after_commit(
    client, moderator, django_capture_on_commit_callbacks
):
    StaffFactory(username="no-permission", email="other@example.org")
    UserFactory(username="inactive-mod", email="gone@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(URL, post_data())
    assert len(callbacks) == 2  # the page-cache version bump and the email
    assert [m.to for m in mail.outbox] == [["liuyan@example.org"]]
    message = mail.outbox[0]
    assert "咨询标准厂房租赁" in message.subject
    saved = GuestbookMessage.objects.get()
    assert f"/admin/association/guestbookmessage/{saved.pk}/change/" in message.body


def test_without_moderators_superusers_are_told(client, django_capture_on_commit_callbacks):
    UserFactory(username="root", email="root@example.org", is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, post_data())
    assert [m.to for m in mail.outbox] == [["root@example.org"]]


def test_footer_links_to_guestbook(client):
    assert f'href="{URL}"' in client.get("/").content.decode()


# Admin: moderation actions and replies


@pytest.fixture
def admin_client(client, moderator):
    moderator.user_permissions.add(Permission.objects.get(codename="view_guestbookmessage"))
    client.force_login(moderator)
    return client


def test_admin_actions_approve_and_hide(admin_client):
    first, second = entry(subject="留言甲"), entry(subject="留言乙")
    changelist = reverse("admin:association_guestbookmessage_changelist")
    response = admin_client.post(
        changelist, {"action": "approve", "_selected_action": [first.pk, second.pk]}, follow=True
    )
    assert response.status_code == 200
    assert set(GuestbookMessage.objects.values_list("status", flat=True)) == {"approved"}
    admin_client.post(changelist, {"action": "hide", "_selected_action": [second.pk]})
    second.refresh_from_db()
    assert second.status == "hidden"
    assert admin_client.get(changelist, {"status__exact": "hidden"}).status_code == 200
    assert admin_client.get(changelist, {"replied": "no"}).status_code == 200


def test_admin_reply_records_who_and_when(admin_client, moderator, client):
    message = entry(subject="何时开放申报")
    url = reverse("admin:association_guestbookmessage_change", args=[message.pk])
    form = {
        "name": message.name,
        "contact": "",
        "subject": message.subject,
        "message": message.message,
        "status": "approved",
        "reply": "申报将于下月开放，请关注通知。",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.replied_by == moderator
    assert message.replied_at is not None
    client.logout()
    assert "申报将于下月开放，请关注通知。" in client.get(URL).content.decode()

    admin_client.force_login(moderator)
    admin_client.post(url, {**form, "reply": ""})
    message.refresh_from_db()
    assert message.replied_by is None and message.replied_at is None
