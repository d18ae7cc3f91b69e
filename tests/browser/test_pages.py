"""Every public page type, at phone and desktop width: axe-core finds no serious or
critical problem, the Nu HTML Checker finds no error, and a screenshot is kept."""

from django.urls import reverse

from members.models import Zone
from news.models import Article

from .conftest import require
from .support import WIDTHS, axe_problems, log_in, save_html, screenshot, vnu_errors


def public_pages() -> list[tuple[str, str, int]]:
    """(name, path, expected status) of each public page type, built from the demo data."""
    article = Article.objects.published().exclude(cover="").newest_first().first()
    zone = Zone.objects.get(name="浏阳经济技术开发区")
    return [
        ("home", "/", 200),
        ("news", reverse("news:article-list"), 200),
        (
            "news-filtered",
            reverse("news:article-list") + "?category=park-express&region=430100"
            "&date_from=2020-01-01&date_to=2099-12-31",
            200,
        ),
        ("article", article.get_absolute_url(), 200),
        ("zones", reverse("members:zone-list"), 200),
        ("zone", zone.get_absolute_url(), 200),
        ("about", reverse("association:page", args=["intro"]), 200),
        ("guestbook", "/guestbook/", 200),
        ("not-found", "/news/999999999/", 404),
        ("login", reverse("login"), 200),
    ]


ACCOUNT_PAGES = [
    ("submit", "/submit/", 200),
    ("contributions", "/account/contributions/", 200),
]


def visit(page, name, path, status, *, keep_html: bool, problems: list, saved: list):
    response = page.goto(path)
    assert response is not None and response.status == status, f"{name}: {path}"
    page.wait_for_load_state("load")
    if name == "submit":
        page.locator(".ck-editor__editable").first.wait_for()
    if keep_html:
        saved.append(save_html(name, response.text()))
    problems += axe_problems(page, f"{name}@{page.viewport_size['width']}")
    screenshot(page, name)


def test_every_public_page_type(demo_site, new_page):
    require("vnu")
    problems, saved = [], []
    pages = public_pages()
    for label, width in WIDTHS.items():
        keep_html = label == "desktop"
        page = new_page(width=width)
        for name, path, status in pages:
            visit(page, name, path, status, keep_html=keep_html, problems=problems, saved=saved)
        log_in(page, "contributor")
        for name, path, status in ACCOUNT_PAGES:
            visit(page, name, path, status, keep_html=keep_html, problems=problems, saved=saved)
    problems += vnu_errors(saved)
    assert not problems, "\n".join(problems)
