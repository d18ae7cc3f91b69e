"""A zone contributor writes a contribution with an image in CKEditor; a reviewer returns it
with a comment in the admin; the contributor revises and resubmits; the reviewer approves;
the article is public under its zone and in its region's filter."""

import io
import re

from PIL import Image, ImageOps
from playwright.sync_api import expect

from members.models import Zone
from news.models import Article

from .support import admin_log_in, log_in, screenshot

TITLE = "浏阳经开区生物医药产业园二期竣工投产"
IMAGE_ALT = "新建成的生物医药产业园厂房全景"
COVER_ALT = "竣工投产仪式现场"
COMMENT = "请补充项目总投资额和预计年产值，并注明图片来源。"
ALT_BUTTON = re.compile("更改图片替换文本|Change image text alternative")


def png(top=(20, 60, 120), bottom=(120, 190, 220), size=(640, 360)) -> bytes:
    """A small gradient picture, as a real upload would be."""
    gradient = Image.linear_gradient("L").resize(size)
    buffer = io.BytesIO()
    ImageOps.colorize(gradient, black=top, white=bottom).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_into_editor(page) -> None:
    """Insert an image with CKEditor's own upload button and give it a text alternative."""
    editable = page.locator(".ck-editor__editable")
    page.locator(".ck-toolbar input[type=file]").set_input_files(
        files=[{"name": "plant.png", "mimeType": "image/png", "buffer": png()}]
    )
    image = editable.locator("img[src*='/media/contrib/']")
    expect(image).to_have_count(1)
    image.click()
    page.get_by_role("button", name=ALT_BUTTON).click()
    field = page.locator(".ck-balloon-panel_visible input[type=text]")
    field.fill(IMAGE_ALT)
    field.press("Enter")
    expect(editable.locator(f"img[alt='{IMAGE_ALT}']")).to_have_count(1)


def review(page, decision: str, comment: str = "") -> None:
    """Open the contribution from the 投稿审核 queue and decide."""
    page.goto("/admin/")
    page.get_by_role("link", name="投稿审核", exact=True).first.click()
    page.get_by_role("row", name=re.compile(TITLE)).get_by_role("link", name="审核").click()
    expect(page.locator(".review-preview h1")).to_have_text(TITLE)
    expect(page.locator(f".review-body img[alt='{IMAGE_ALT}']")).to_have_count(1)
    page.get_by_label(decision).check()
    if comment:
        page.get_by_label("审核意见").fill(comment)
        screenshot(page, "flow-admin-review", full_page=False)
    page.locator("input[type=submit][value='确定']").click()
    page.wait_for_url("**/admin/news/contribution/")


def test_contribute_return_revise_approve_publish(demo_site, new_page):
    contributor = new_page()
    reviewer = new_page()

    # The contributor writes, with an image in the editor and a cover.
    log_in(contributor, "contributor")
    contributor.get_by_role("link", name="我要投稿").first.click()
    contributor.wait_for_url("**/submit/")
    contributor.get_by_role("textbox", name="标题", exact=True).fill(TITLE)
    contributor.get_by_label("栏目").select_option(label="园区快讯")
    contributor.get_by_label("摘要").fill("园区生物医药产业园二期项目竣工，首批企业入驻投产。")
    contributor.locator(".ck-editor__editable").click()
    contributor.keyboard.type("近日，浏阳经开区生物医药产业园二期项目竣工，首批八家企业入驻投产。")
    upload_into_editor(contributor)
    contributor.locator("input[name=cover]").set_input_files(
        files=[
            {
                "name": "cover.png",
                "mimeType": "image/png",
                "buffer": png((120, 30, 20), (235, 150, 90)),
            }
        ]
    )

    # A cover needs its description; nothing typed or uploaded is lost on the way back.
    contributor.get_by_role("button", name="提交审核").click()
    contributor.wait_for_load_state()
    expect(contributor.locator(".form-errors")).to_be_visible()
    expect(contributor.locator(".has-error .field-error")).to_contain_text("封面图说明")
    expect(contributor.get_by_label("封面图说明")).to_have_attribute("aria-invalid", "true")
    expect(contributor.get_by_role("textbox", name="标题", exact=True)).to_have_value(TITLE)
    expect(contributor.locator(".retained img")).to_be_visible()
    expect(contributor.locator(f".ck-editor__editable img[alt='{IMAGE_ALT}']")).to_have_count(1)
    contributor.get_by_label("封面图说明").fill(COVER_ALT)
    contributor.get_by_role("button", name="提交审核").click()
    contributor.wait_for_url(re.compile(r"/account/contributions/\d+/$"))
    expect(contributor.locator(".status")).to_have_text("待审核")
    article = Article.objects.get(title=TITLE)
    assert f'alt="{IMAGE_ALT}"' in article.body and article.cover_alt == COVER_ALT

    # The reviewer sends it back with a comment.
    admin_log_in(reviewer, "reviewer")
    review(reviewer, "退回修改", COMMENT)
    expect(reviewer.locator(".messagelist")).to_contain_text("已退回")

    # The contributor sees the comment, revises and resubmits.
    contributor.goto("/account/contributions/")
    row = contributor.get_by_role("row", name=re.compile(TITLE))
    expect(row.locator(".status")).to_have_text("退回修改")
    row.get_by_role("link", name=TITLE).click()
    expect(contributor.locator(".history blockquote").last).to_have_text(COMMENT)
    contributor.get_by_role("link", name="按意见修改并重新提交").click()
    expect(contributor.locator(".notice")).to_contain_text(COMMENT)
    editable = contributor.locator(".ck-editor__editable")
    editable.locator("p").first.click()
    contributor.keyboard.press("End")
    contributor.keyboard.type("项目总投资12亿元，预计年产值30亿元。图片由园区管委会提供。")
    contributor.get_by_role("button", name="提交审核").click()
    contributor.wait_for_url(re.compile(r"/account/contributions/\d+/$"))
    expect(contributor.locator(".status")).to_have_text("待审核")

    # The reviewer approves; it is published at once.
    review(reviewer, "通过并发布")
    expect(reviewer.locator(".messagelist")).to_contain_text("已通过")

    # Public: under its zone, in its region's filter, with both images and their text.
    visitor = new_page()
    zone = Zone.objects.get(name="浏阳经济技术开发区")  # 430181, in 长沙市, 湖南省
    visitor.goto(zone.get_absolute_url())
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator(".article-body")).to_contain_text("预计年产值30亿元")
    for image in (
        visitor.locator(f".article-body img[alt='{IMAGE_ALT}']"),
        visitor.locator(f".article-cover img[alt='{COVER_ALT}']"),
    ):
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(visitor, "flow-published-contribution", full_page=False)
    for region in ("430000", "430100", "430181"):
        visitor.goto(f"/news/?region={region}")
        expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    visitor.goto("/news/?region=420000")
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
