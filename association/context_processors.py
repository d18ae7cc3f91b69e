"""Template context shared by every public page: site settings, navigation, footer links."""

import uuid

from django.utils.functional import SimpleLazyObject

from core.cache import VersionMemo

from .models import LinkGroup, Page, SiteSettings


def load_chrome() -> dict:
    """Footer link groups and association page links.

    Each process keeps them per content version (a change to a link, a page or the site
    settings makes a new one) and reads them once per version. ``version`` names this
    build of the chrome: base.html keeps its rendered head links, header and footer under
    it (``{% cache %}``, core.jinja2), so a new build renders them afresh.
    """
    return _chrome.get("chrome", _read_chrome)


def _read_chrome() -> dict:
    return {
        "version": uuid.uuid4().hex,
        "link_groups": [
            (group.name, [(link.name, link.url) for link in group.links.all()])
            for group in LinkGroup.objects.prefetch_related("links")
        ],
        "pages": [
            (page.title, page.get_absolute_url())
            for page in Page.objects.published().only("title", "slug")
        ],
    }


_chrome = VersionMemo(max_entries=1)


def nav_current(request) -> str:
    """Which main navigation entry is the current page: a section name, or the path (an
    association page's link is current when it is the path)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.url_name == "home":
        return "home"
    if match.app_name in ("news", "members", "account"):
        return match.app_name
    # Only an association page's own address: any other path (a mistyped /about/… is a 404
    # that renders the header too) must not make a header fragment of its own.
    return request.path if request.path in {url for _, url in load_chrome()["pages"]} else ""


def site(request):
    """Lazily provide what the base template needs; pages that don't render it pay nothing."""
    return {
        "site": SimpleLazyObject(SiteSettings.load),
        "chrome": SimpleLazyObject(load_chrome),
        "nav_current": SimpleLazyObject(lambda: nav_current(request)),
    }
