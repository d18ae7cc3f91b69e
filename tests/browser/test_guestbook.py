"""A visitor leaves a message in the guestbook (留言箱); staff approve it and reply in the
admin; message and reply then show on the public page (the contact details never do)."""

import pytest
from playwright.sync_api import expect

from association import forms as guestbook_forms

from .support import admin_log_in, axe_problems, screenshot

SUBJECT = "关于入会申请材料的咨询"
MESSAGE = "我单位是省级工业园区，想了解申请加入协会需要准备哪些材料，谢谢。"
CONTACT = "0731-88886666"
REPLY = "您好，入会需提交入会申请表、园区简介和批准设立文件，详见协会简介页面。"


@pytest.fixture
def quick_form(monkeypatch):
    """The form refuses sends within seconds of showing it (a spam check); a test is quick."""
    monkeypatch.setattr(guestbook_forms, "MIN_FILL_SECONDS", 0)


def test_message_is_approved_and_answered_in_public(demo_site, quick_form, new_page):
    visitor = new_page(width=375, height=740)
    visitor.goto("/guestbook/")
    visitor.get_by_label("姓名或称呼").fill("王先生")
    visitor.get_by_label("联系方式").fill(CONTACT)
    visitor.get_by_label("主题").fill(SUBJECT)
    visitor.get_by_label("留言内容").fill(MESSAGE)
    visitor.get_by_role("button", name="提交留言").click()
    visitor.wait_for_url("**/guestbook/#guestbook-form")
    expect(visitor.locator(".messages")).to_contain_text("留言已收到")
    expect(visitor.get_by_text(SUBJECT)).to_have_count(0)  # waits for moderation

    staff = new_page()
    admin_log_in(staff, "admin")
    staff.get_by_role("link", name="留言箱", exact=True).first.click()
    staff.get_by_role("link", name=SUBJECT).click()
    staff.get_by_label("状态").select_option(label="已公开")
    staff.get_by_label("回复").fill(REPLY)
    staff.locator("input[name=_save]").click()
    staff.wait_for_url("**/admin/association/guestbookmessage/")
    expect(staff.locator(".messagelist")).to_be_visible()

    visitor.goto("/guestbook/")
    entry = visitor.locator(".guestbook-entry", has_text=SUBJECT)
    expect(entry).to_contain_text(MESSAGE)
    expect(entry.locator(".guestbook-reply")).to_contain_text(REPLY)
    expect(visitor.get_by_text(CONTACT)).to_have_count(0)
    problems = axe_problems(visitor, "guestbook with a reply")
    assert not problems, "\n".join(problems)
    screenshot(visitor, "flow-guestbook-reply", full_page=False)
