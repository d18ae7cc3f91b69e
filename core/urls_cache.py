"""``reverse`` with its answers remembered: public pages build a few dozen links each
(every article and zone in a list), and Django's ``reverse`` costs tens of microseconds
a link. A URL depends only on the URL configuration, the script prefix and its
arguments, all three in the key, so a remembered answer is never stale."""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


@lru_cache(maxsize=8192)
def _reverse(urlconf, prefix: str, viewname: str, args: tuple) -> str:
    return django_reverse(viewname, urlconf=urlconf, args=args)


def reverse(viewname: str, *args) -> str:
    """``reverse(viewname, args=args)``; ``args`` must be hashable (ids, slugs)."""
    return _reverse(get_urlconf(), get_script_prefix(), viewname, args)
