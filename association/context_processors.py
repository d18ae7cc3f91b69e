"""Template context shared by every public page: site settings, navigation, footer links."""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from .models import LinkGroup, Page, SiteSettings

CHROME_CACHE_KEY = "association:chrome"


def load_chrome() -> dict:
    """Footer link groups and association page links, cached until any of them changes."""
    chrome = cache.get(CHROME_CACHE_KEY)
    if chrome is None:
        chrome = {
            "link_groups": [
                (group.name, [(link.name, link.url) for link in group.links.all()])
                for group in LinkGroup.objects.prefetch_related("links")
            ],
            "pages": [
                (page.title, page.get_absolute_url())
                for page in Page.objects.published().only("title", "slug")
            ],
        }
        cache.set(CHROME_CACHE_KEY, chrome, 3600)
    return chrome


def site(request):
    """Lazily provide what the base template needs; pages that don't render it pay nothing."""
    return {
        "site": SimpleLazyObject(SiteSettings.load),
        "chrome": SimpleLazyObject(load_chrome),
    }
