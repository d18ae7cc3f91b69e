"""Every XSS payload of ``xss_payloads`` through every path that stores HTML or text, then
every page and feed that shows it, parsed as a browser would: nothing may come back
executable, and stored rich text must be a fixed point of the sanitizer (re-cleaning it
changes nothing, so no later parse can turn it into something else).

One test per write path; each sends all payloads and reports every one that got through.
"""

import time
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from association.forms import form_timestamp
from association.models import GuestbookMessage, Page
from core.richtext import sanitize_html
from members.models import Zone, ZoneMembership
from news import services
from news.models import Article
from tests.factories import CategoryFactory, UserFactory, ZoneFactory

from .html_checks import executable_content, parse, rich_text_regions, unsafe_in_fragment
from .xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db

FEED_BATCH = 25  # the latest feed shows 30 items: check it before older ones drop out


def page_problems(html: str) -> list[str]:
    """Executable content anywhere on the page, or anything unsafe in its rich text."""
    soup = parse(html)
    problems = executable_content(soup)
    for region in rich_text_regions(soup, ".rich-text, .review-body"):
        problems += unsafe_in_fragment(region)
    return problems


def feed_problems(xml: bytes) -> list[str]:
    """RSS descriptions are HTML to a feed reader: they must not run anything either."""
    problems = []
    for item in ET.fromstring(xml).iter("item"):
        description = item.findtext("description") or ""
        problems += executable_content(description) + unsafe_in_fragment(description)
    return problems


def stored_rich_text_problems(value: str) -> list[str]:
    problems = unsafe_in_fragment(value) + executable_content(value)
    if sanitize_html(value) != value:
        problems.append("stored HTML is not a fixed point of the sanitizer")
    return problems


def admin_form_data(client, url: str) -> dict:
    """The fields of an admin form as the browser would send them untouched."""
    form = parse(client.get(url).content.decode()).select_one("#content-main form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        kind = (field.get("type") or "text").lower()
        if not name or kind in ("submit", "button", "file", "image"):
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            option = field.find("option", selected=True)
            data[name] = option.get("value", "") if option else ""
        elif field.name == "textarea":
            data[name] = field.get_text().lstrip("\n")
        else:
            data[name] = field.get("value", "")
    return data


def refused_for_null(payload: str, response) -> bool:
    """Django's forms refuse NUL characters outright: a clean, specific outcome."""
    return "\x00" in payload and response.status_code == 200


@pytest.fixture
def column():
    return CategoryFactory(name="园区快讯", slug="park-express", open_for_contributions=True)


def check_search(client, failures: dict) -> None:
    """Search words that match every stored payload, so the snippets quote them all."""
    for word in ("alert", "script", "onerror", "javascript", "xss"):
        response = client.get(reverse("news:article-list"), {"q": word})
        assert response.status_code == 200
        if problems := page_problems(response.content.decode()):
            failures[f"search {word}"] = problems


def test_admin_article_body_and_summary(admin_client, client, column):
    failures, created = {}, []
    add_url = reverse("admin:news_article_add")
    base = admin_form_data(admin_client, add_url)
    for index, (name, payload) in enumerate(PAYLOADS, start=1):
        data = {
            **base,
            "title": f"后台 {name}",
            "category": column.pk,
            "summary": payload if index % 2 else "",  # half of the feed descriptions from body
            "body": payload,
            "status": Article.Status.PUBLISHED,
            "published_at_0": "2025-03-01",
            "published_at_1": "09:30:00",
        }
        response = admin_client.post(add_url, data)
        if refused_for_null(payload, response):
            assert not Article.objects.filter(title=f"后台 {name}").exists()
            continue
        assert response.status_code == 302, (name, response.context["adminform"].form.errors)
        article = Article.objects.get(title=f"后台 {name}")
        created.append(article)
        if problems := stored_rich_text_problems(article.body):
            failures[name] = problems
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        if problems := page_problems(page.content.decode()):
            failures[f"{name} page"] = problems
        feed = client.get(reverse("feeds:latest")).content if index % FEED_BATCH == 0 else b""
        if feed and (problems := feed_problems(feed)):
            failures[f"feed after {name}"] = problems
    assert len(created) >= len(PAYLOADS) - 2
    if problems := feed_problems(client.get(reverse("feeds:latest")).content):
        failures["feed"] = problems
    if problems := page_problems(client.get(reverse("news:home")).content.decode()):
        failures["home"] = problems
    check_search(client, failures)
    assert failures == {}


def test_contribution_form_review_page_and_public_page(client, admin_client, admin_user, column):
    zone = ZoneFactory(name="安全测试经开区")
    author = UserFactory(username="xss-author")
    ZoneMembership.objects.create(user=author, zone=zone)
    author_client = type(client)()
    author_client.force_login(author)
    failures = {}
    for name, payload in PAYLOADS:
        title = f"投稿 {name}"
        data = {
            "title": title,
            "zone": zone.pk,
            "category": column.pk,
            "summary": payload,
            # The form asks for a body with text; payloads that clean to nothing need some.
            "body": f"<p>投稿正文</p>{payload}",
            "cover_alt": "",
            "source": "测试",
            "author": "测试",
            "submit": "1",
        }
        # Each contribution is a fresh session's first: the per-user limit stays out of the way.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("members.account_views._rate_limited", lambda request: False)
            response = author_client.post(reverse("account:submit"), data)
        if refused_for_null(payload, response):
            assert not Article.objects.filter(title=title).exists()
            continue
        assert response.status_code == 302, (name, response.context["form"].errors)
        article = Article.objects.get(title=title)
        if problems := stored_rich_text_problems(article.body):
            failures[name] = problems
        own = author_client.get(reverse("account:contribution-detail", args=[article.pk]))
        review = admin_client.get(reverse("admin:news_contribution_review", args=[article.pk]))
        services.article_approve(article=article, reviewer=admin_user)
        public = client.get(article.get_absolute_url())
        for label, response in (("own", own), ("review", review), ("public", public)):
            assert response.status_code == 200, (name, label)
            if problems := page_problems(response.content.decode()):
                failures[f"{name} {label}"] = problems
    check_search(client, failures)
    assert failures == {}


def test_association_page_body(admin_client, client):
    failures = {}
    add_url = reverse("admin:association_page_add")
    base = admin_form_data(admin_client, add_url)
    for index, (name, payload) in enumerate(PAYLOADS):
        slug = f"xss-page-{index}"
        data = {**base, "title": f"页面 {name}", "slug": slug, "body": payload}
        data["summary"] = payload
        response = admin_client.post(add_url, data)
        if refused_for_null(payload, response):
            continue
        assert response.status_code == 302, (name, response.context["adminform"].form.errors)
        page = Page.objects.get(slug=slug)
        if problems := stored_rich_text_problems(page.body):
            failures[name] = problems
        response = client.get(reverse("association:page", args=[slug]))
        assert response.status_code == 200, name
        if problems := page_problems(response.content.decode()):
            failures[f"{name} page"] = problems
    assert failures == {}


def test_zone_introduction(admin_client, client):
    failures = {}
    add_url = reverse("admin:members_zone_add")
    base = admin_form_data(admin_client, add_url)
    for index, (name, payload) in enumerate(PAYLOADS):
        slug = f"xss-zone-{index}"
        data = {
            **base,
            "name": f"安全测试园区{index}号",
            "slug": slug,
            "kind": Zone.Kind.ETDZ,
            "level": Zone.Level.NATIONAL,
            "region": "430102",
            "role": base.get("role") or Zone.Role.MEMBER,
            "introduction": payload,
            "industries": payload[:100],
            "is_active": "on",
        }
        response = admin_client.post(add_url, data)
        if refused_for_null(payload, response):
            continue
        assert response.status_code == 302, (name, response.context["adminform"].form.errors)
        zone = Zone.objects.get(slug=slug)
        if problems := stored_rich_text_problems(zone.introduction):
            failures[name] = problems
        response = client.get(reverse("members:zone-detail", args=[slug]))
        assert response.status_code == 200, name
        if problems := page_problems(response.content.decode()):
            failures[f"{name} page"] = problems
    if problems := page_problems(client.get(reverse("members:zone-list")).content.decode()):
        failures["zone list"] = problems
    assert failures == {}


def test_guestbook_message_and_staff_reply(client, admin_client, settings):
    """Messages and replies are plain text: shown literally, escaped, never as markup."""
    settings.GUESTBOOK_RATE = "10000/h"
    failures, stored = {}, []
    for name, payload in PAYLOADS:
        data = {
            "name": "访客",
            "contact": "",
            "subject": f"留言 {name}",
            "message": payload,
            "remark": "",
            "started": form_timestamp(time.time() - 60),
        }
        response = client.post(reverse("guestbook"), data)
        entry = GuestbookMessage.objects.filter(subject=f"留言 {name}").first()
        if entry is None:
            # Refused (NUL characters, too many links): the form comes back with the text.
            assert response.status_code == 200, name
            continue
        assert response.status_code == 302, name
        change_url = reverse("admin:association_guestbookmessage_change", args=[entry.pk])
        data = {
            **admin_form_data(admin_client, change_url),
            "status": GuestbookMessage.Status.APPROVED,
        }
        data["reply"] = payload
        response = admin_client.post(change_url, data)
        assert response.status_code == 302, (name, response.context["adminform"].form.errors)
        stored.append(entry.pk)
    assert len(stored) > len(PAYLOADS) * 0.9
    assert GuestbookMessage.objects.published().filter(reply__gt="").count() == len(stored)
    pages = (len(stored) + 9) // 10
    for number in range(1, pages + 1):
        response = client.get(reverse("guestbook"), {"page": number})
        html = response.content.decode()
        if problems := executable_content(html):
            failures[f"page {number}"] = problems
        soup = parse(html)
        for block in soup.select(".guestbook-message, .guestbook-reply"):
            # Plain text: not one element may come from the visitor or the reply.
            foreign = [tag.name for tag in block.find_all(True) if tag.name not in ("p", "br")]
            foreign = [t for t in foreign if t not in ("strong", "time")]
            if foreign:
                failures[f"page {number} markup"] = foreign
    shown = parse(client.get(reverse("guestbook")).content.decode())
    newest = GuestbookMessage.objects.published().order_by("-created_at", "-pk").first()
    text = shown.select_one(f"#message-{newest.pk} .guestbook-message").get_text()
    assert " ".join(newest.message.split()) in " ".join(text.split())
    assert failures == {}


def test_search_query_is_reflected_inert(client):
    """``q`` is echoed in the search box and messages: every payload stays text there."""
    failures = {}
    for name, payload in PAYLOADS:
        response = client.get(reverse("news:article-list"), {"q": payload})
        assert response.status_code == 200, name
        if problems := page_problems(response.content.decode()):
            failures[name] = problems
        zones = client.get(reverse("members:zone-list"), {"q": payload})
        if problems := page_problems(zones.content.decode()):
            failures[f"{name} zones"] = problems
    assert failures == {}
