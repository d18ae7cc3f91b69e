"""Template filters that mark search matches: ``{% load search_highlight %}``."""

from django import template
from django.utils.html import escape

from core.richtext import html_to_text

from ..search import highlight as mark_matches
from ..search import snippet

register = template.Library()


def _terms(search_query) -> list[str]:
    return search_query.highlights() if search_query else []


@register.filter
def highlight(text, search_query):
    """``text`` escaped, with the words of ``search_query`` (a ParsedQuery) in ``<mark>``."""
    return mark_matches(str(text), _terms(search_query))


@register.filter
def search_snippet(article, search_query):
    """The part of the summary or body where the search matched, marked; the article's
    lead when it matched elsewhere (title, zone, source or author).
    """
    terms = _terms(search_query)
    if terms:
        for text in (article.summary, html_to_text(article.body)):
            found = snippet(text, terms)
            if found:
                return found
    return escape(article.lead)
