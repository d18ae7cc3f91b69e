"""Keyboard-only use (skip link, the phone menu, filters, forms) with visible focus, and the
reading aids (high contrast, large text) that follow the reader from page to page."""

import re

import pytest
from playwright.sync_api import expect

from news.models import Article

from .support import DEMO_PASSWORD, axe_problems, screenshot


def focused(page) -> dict:
    """What has the keyboard focus, and whether it shows."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return {
            tag: el.tagName.toLowerCase(),
            id: el.id,
            name: el.getAttribute("name") || "",
            text: (el.innerText || el.value || "").trim().slice(0, 40),
            outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
            visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
              && box.left < innerWidth && box.top < innerHeight,
          };
        }"""
    )


def tab(page, times: int = 1) -> dict:
    for _ in range(times):
        page.keyboard.press("Tab")
    return focused(page)


def tab_to(page, predicate, limit: int = 40) -> list[dict]:
    """Press Tab until ``predicate(focused)`` holds; the stops on the way, in order."""
    stops = []
    for _ in range(limit):
        stop = tab(page)
        stops.append(stop)
        assert stop["visible"], f"focus went to something off screen: {stop}"
        assert stop["outline"] >= 2, f"no visible focus indicator on {stop}"
        if predicate(stop):
            return stops
    raise AssertionError(f"Tab never reached the target; stops: {stops}")


def test_skip_link_and_the_phone_menu_by_keyboard(demo_site, new_page):
    page = new_page(width=375, height=740)
    page.goto("/")

    stop = tab(page)
    assert stop["text"] == "跳到正文" and stop["visible"] and stop["outline"] >= 2
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    assert page.evaluate("document.activeElement.id") == "main"
    first_in_main = tab(page)
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert first_in_main["visible"]

    # Closed, the menu's links are out of the tab order; the button opens it.
    page.goto("/")
    toggle = page.locator(".nav-toggle")
    tab_to(page, lambda s: s["text"] == "菜单")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    after_toggle = tab(page)
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)"), (
        f"hidden menu links took the focus: {after_toggle}"
    )
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "菜单"
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
    stops = tab_to(page, lambda s: s["text"] == "资讯中心")
    assert stops[0]["text"] == "首页"
    screenshot(page, "keyboard-phone-menu-open", full_page=False)
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/")


def test_news_filters_by_keyboard(demo_site, page):
    page.goto("/news/")
    stops = tab_to(page, lambda s: s["id"] == "id_region")
    order = [s["id"] for s in stops if s["id"].startswith("id_")]
    assert order == ["id_q", "id_category", "id_zone", "id_region"]
    page.keyboard.press("ArrowDown")  # the first province
    chosen = page.locator("#id_region").input_value()
    assert re.fullmatch(r"\d{2}0000", chosen)
    stops = tab_to(page, lambda s: s["text"] == "筛选")
    # A date field is several stops (year, month, day, calendar button), all on the field.
    ids = [s["id"] for s in stops]
    assert [key for i, key in enumerate(ids) if i == 0 or ids[i - 1] != key][:2] == [
        "id_date_from",
        "id_date_to",
    ]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"region={chosen}"))
    expect(page.locator("#id_region")).to_have_value(chosen)


def test_login_and_contribution_form_by_keyboard(demo_site, page):
    page.goto("/account/login/")
    assert focused(page)["id"] == "id_username"  # autofocus: type at once
    page.keyboard.type("contributor")
    assert tab(page)["id"] == "id_password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/contributions/")

    page.goto("/submit/")
    page.locator(".ck-editor__editable").wait_for()
    stops = tab_to(page, lambda s: s["text"] == "保存草稿", limit=60)
    reached = [s["name"] or s["id"] or s["text"] for s in stops]
    wanted = ["title", "zone", "category", "summary", "cover", "cover_alt", "source", "author"]
    wanted += ["submit", "save"]  # 提交审核, 保存草稿
    assert [name for name in reached if name in wanted] == wanted
    editor = reached.index("summary") + 1
    assert stops[editor]["tag"] == "div", "the editor is not next after the summary"


BODY_OBSERVER = """
new MutationObserver((_, observer) => {
  if (!document.body) return;
  const root = document.documentElement;
  window.__atBody = {
    contrast: root.getAttribute("data-contrast"),
    largeText: root.getAttribute("data-large-text"),
    fontSize: root.getAttribute("data-font-size"),
  };
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


def test_high_contrast_and_large_text_persist_and_pass_axe(demo_site, new_page):
    width = 375  # a phone: most readers, and the tightest layout for large text
    page = new_page(width=width, height=740)
    page.add_init_script(BODY_OBSERVER)
    page.goto("/")
    root = page.locator("html")
    contrast = page.get_by_role("button", name="高对比度")
    large = page.get_by_role("button", name="大字模式")
    expect(contrast).to_have_attribute("aria-pressed", "false")
    base_px = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")

    contrast.click()
    large.focus()
    page.keyboard.press("Space")  # keyboard works as well as the mouse
    expect(root).to_have_attribute("data-contrast", "high")
    expect(root).to_have_attribute("data-large-text", "on")
    expect(contrast).to_have_attribute("aria-pressed", "true")
    expect(large).to_have_attribute("aria-pressed", "true")
    px = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert px == pytest.approx(base_px * 1.25)

    article = Article.objects.published().exclude(cover="").newest_first().first()
    problems = []
    for path in ("/news/", article.get_absolute_url(), "/zones/"):
        page.goto(path)
        # Applied while <head> runs, before the body exists: no flash of the default look.
        assert page.evaluate("window.__atBody") == {
            "contrast": "high",
            "largeText": "on",
            "fontSize": None,
        }
        expect(page.get_by_role("button", name="高对比度")).to_have_attribute(
            "aria-pressed", "true"
        )
        expect(page.get_by_role("button", name="大字模式")).to_have_attribute(
            "aria-pressed", "true"
        )
        problems += axe_problems(page, f"high-contrast {path}@{width}")
    assert not problems, "\n".join(problems)

    # The article's 字体 switch composes with large text.
    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="大", exact=True).click()
    px = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert px == pytest.approx(base_px * 1.4375)
    screenshot(page, "article-high-contrast-large-text", full_page=False)
    page.get_by_role("button", name="中", exact=True).click()

    # Off again, and remembered as off.
    page.get_by_role("button", name="高对比度").click()
    page.get_by_role("button", name="大字模式").click()
    page.goto("/")
    assert page.evaluate("window.__atBody") == {
        "contrast": None,
        "largeText": None,
        "fontSize": None,
    }
    expect(page.get_by_role("button", name="高对比度")).to_have_attribute("aria-pressed", "false")
