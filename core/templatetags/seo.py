"""Absolute and canonical URLs for ``<head>``: canonical link, Open Graph, feeds."""

from urllib.parse import urlencode

from django import template

register = template.Library()

# Query parameters that select a different page of content (filters of the URL contract
# and pagination); anything else (search words, tracking tags …) is left out.
CANONICAL_PARAMETERS = ("category", "zone", "region", "level", "kind", "page")


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` made absolute with the request's scheme and host."""
    request = context.get("request")
    if request is None or not path:
        return path or ""
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's absolute URL without parameters that don't change its content."""
    request = context.get("request")
    if request is None:
        return ""
    kept = [
        (name, request.GET[name])
        for name in CANONICAL_PARAMETERS
        if request.GET.get(name) and not (name == "page" and request.GET[name] == "1")
    ]
    query = f"?{urlencode(kept)}" if kept else ""
    return request.build_absolute_uri(request.path) + query
