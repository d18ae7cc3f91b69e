"""The Jinja2 environment of the site's templates (``jinja2/``).

The public pages are rendered with Jinja2 rather than the Django template language: an
article page renders several times faster, and the uncached page is what a reader waits
for after every edit. The admin keeps Django templates (``templates/``).

Templates get Django's URLs, static files, translations (``_()``, ``{% trans %}``),
localised dates and numbers, and the portal's own helpers below. Everything Django's
context processors give a Django template is there too (``user``, ``messages``, ``site``
…), plus ``request``, ``csrf_input`` and ``csrf_token``.
"""

import logging
from types import SimpleNamespace
from urllib.parse import urlencode

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import defaultfilters
from django.template.defaulttags import querystring as django_querystring
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.timezone import template_localtime
from jinja2 import ChainableUndefined, Environment, pass_context

from core.richtext import html_to_text
from news.search import highlight as mark_matches
from news.search import snippet

logger = logging.getLogger(__name__)

# Query parameters that select a different page of content (filters of the URL contract
# and pagination); anything else (search words, tracking tags …) is left out of the
# canonical URL.
CANONICAL_PARAMETERS = ("category", "zone", "region", "level", "kind", "page")
COVER_RENDITIONS = (("cover_small", 480), ("cover_medium", 960), ("cover_large", 1440))
WEIBO_SHARE = "https://service.weibo.com/share/share.php"


def url(name: str, *args, **kwargs) -> str:
    """``url('news:article-detail', pk)``: Django's ``reverse``."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


@pass_context
def querystring(context, **changes) -> str:
    """The current query string with ``changes`` (``None`` drops a parameter), as
    Django's ``{% querystring %}``."""
    return django_querystring(SimpleNamespace(request=context["request"]), **changes)


@pass_context
def absolute_url(context, path: str) -> str:
    """``path`` made absolute with the request's scheme and host."""
    request = context.get("request")
    if request is None or not path:
        return path or ""
    return request.build_absolute_uri(path)


@pass_context
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


@pass_context
def share_url(context, obj) -> str:
    """The absolute URL of ``obj`` (what readers share)."""
    return context["request"].build_absolute_uri(obj.get_absolute_url())


def weibo_share_url(url: str, title: str) -> str:
    """Weibo's share dialog for ``url`` with ``title`` as the post text."""
    return f"{WEIBO_SHARE}?{urlencode({'url': url, 'title': title})}"


def rendition_srcset(obj) -> tuple[str, str]:
    """``(src, srcset)`` of an article's cover renditions.

    A missing or unreadable source file must not break the page: it falls back to the
    original file's URL with no srcset.
    """
    try:
        urls = [(getattr(obj, name).url, width) for name, width in COVER_RENDITIONS]
    except (OSError, ValueError, SyntaxError) as exc:  # missing file, not an image …
        logger.warning("no renditions for %s #%s: %s", type(obj).__name__, obj.pk, exc)
        return obj.cover.url, ""
    return urls[1][0], ", ".join(f"{url} {width}w" for url, width in urls)


def cover_img(article, sizes: str = "100vw", eager: bool = False, alt: str | None = None):
    """An article's cover as a responsive ``<img>``: resized renditions in ``srcset``,
    lazy unless ``eager`` (the image at the top of the page)."""
    src, srcset = rendition_srcset(article)
    return format_html(
        '<img src="{}"{} alt="{}" width="960" height="540"{}>',
        src,
        format_html(' srcset="{}" sizes="{}"', srcset, sizes) if srcset else "",
        article.cover_alt if alt is None else alt,
        format_html(' fetchpriority="high"') if eager else format_html(' loading="lazy"'),
    )


def date(value, format_string: str | None = None) -> str:
    """Django's ``date`` filter, in the current time zone as in a Django template."""
    return defaultfilters.date(template_localtime(value), format_string)


def highlight(text, search_query):
    """``text`` escaped, with the words of ``search_query`` (a ParsedQuery) marked."""
    return mark_matches(str(text), search_query.highlights() if search_query else [])


def search_snippet(article, search_query):
    """The part of the summary or body where the search matched, marked; the article's
    lead when it matched elsewhere (title, zone, source or author)."""
    terms = search_query.highlights() if search_query else []
    if terms:
        for text in (article.summary, html_to_text(article.body)):
            found = snippet(text, terms)
            if found:
                return found
    return escape(article.lead)


class PortalUndefined(ChainableUndefined):
    """A missing variable renders empty, as do its attributes and calls (``{{
    event.actor.get_full_name() }}`` with no actor), as in a Django template."""

    def __call__(self, *args, **kwargs):
        return self


def environment(**options) -> Environment:
    """The environment Django's Jinja2 backend renders ``jinja2/`` with."""
    options.setdefault("extensions", []).append("jinja2.ext.i18n")
    # As in a Django template, a missing variable, or any attribute of one, renders empty
    # (Django's backend would otherwise print it back in DEBUG).
    options["undefined"] = PortalUndefined
    env = Environment(**options)
    env.install_gettext_callables(
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(
        url=url,
        static=static,
        querystring=querystring,
        absolute_url=absolute_url,
        canonical_url=canonical_url,
        share_url=share_url,
        weibo_share_url=weibo_share_url,
        cover_img=cover_img,
    )
    env.filters.update(
        date=date,
        intcomma=intcomma,
        linebreaks=defaultfilters.linebreaks_filter,
        linebreaksbr=defaultfilters.linebreaksbr,
        highlight=highlight,
        search_snippet=search_snippet,
    )
    return env
