"""The Jinja2 environment of the site's templates (``templates/``).

The public pages are rendered with Jinja2 rather than the Django template language, for
the speed of uncached pages (README, "Performance and scaling"): less work per tag, and
fragments kept in process. The admin keeps Django templates (its own, news/templates/).

Templates get Django's URLs, static files, translations (``_()``, ``{% trans %}``),
localised dates and numbers, and the portal's own helpers below. Everything Django's
context processors give a Django template is there too (``user``, ``messages``, ``site``
…), plus ``request``, ``csrf_input`` and ``csrf_token``.
"""

import logging
import threading
import time
from datetime import datetime
from functools import lru_cache
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ImproperlyConfigured
from django.template import defaultfilters
from django.template.backends.jinja2 import Jinja2
from django.template.defaulttags import querystring as django_querystring
from django.templatetags.static import static
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from jinja2 import ChainableUndefined, Environment, nodes, pass_context
from jinja2.ext import Extension
from jinja2.lexer import Token

from core.cache import memo_expired
from core.richtext import html_to_text
from core.urls_cache import reverse as cached_reverse
from news.search import highlight as mark_matches
from news.search import snippet

logger = logging.getLogger(__name__)

# Query parameters that select a different page of content (filters of the URL contract
# and pagination); anything else (search words, tracking tags …) is left out of the
# canonical URL.
CANONICAL_PARAMETERS = ("category", "zone", "region", "level", "kind", "page")
COVER_RENDITIONS = (("cover_small", 480), ("cover_medium", 960), ("cover_large", 1440))
WEIBO_SHARE = "https://service.weibo.com/share/share.php"


def url(name: str, *args) -> str:
    """``url('news:article-detail', pk)``: Django's ``reverse``, remembered."""
    return cached_reverse(name, *args)


@lru_cache(maxsize=4096)
def _translation(language: str, message: str) -> str:
    return translation.gettext(message)  # ``language`` is the active one: the key only


def gettext(message: str) -> str:
    """Django's ``gettext``, remembered per language (a page looks up dozens of strings)."""
    return _translation(translation.get_language(), message)


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
        mark_safe(' fetchpriority="high"' if eager else ' loading="lazy"'),
    )


# Django date format characters that strftime writes the same way, digit for digit.
STRFTIME_EQUIVALENTS = {"Y": "%Y", "m": "%m", "d": "%d", "H": "%H", "i": "%M", "s": "%S", "O": "%z"}


@lru_cache(maxsize=64)
def strftime_pattern(format_string: str) -> str | None:
    """The strftime pattern that writes ``format_string`` (Django's date format syntax), or
    ``None`` when it uses a character only Django's formatter knows (month names, ``n`` …).
    """
    out, escaped = [], False
    for char in format_string:
        if escaped or not (char.isascii() and char.isalpha()) and char != "\\":
            out.append(char.replace("%", "%%"))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in STRFTIME_EQUIVALENTS:
            out.append(STRFTIME_EQUIVALENTS[char])
        else:
            return None
    return "".join(out)


def date(value, format_string: str) -> str:
    """Django's ``date`` filter, in the current time zone as in a Django template.

    Numeric formats of a datetime (``Y-m-d H:i`` and the like) go through strftime: a page
    shows a dozen dates, and Django's formatter costs several times more per date.
    """
    if isinstance(value, datetime):
        value = template_localtime(value)
        if format_string == "c":  # ISO 8601, which Django's formatter also takes from Python
            return value.isoformat()
        pattern = strftime_pattern(format_string)
        if pattern is not None and value.year >= 1000:  # strftime pads no year to 4 digits
            return value.strftime(pattern)
    return defaultfilters.date(value, format_string)


class FragmentCacheExtension(Extension):
    """``{% cache "name", key, … %}…{% endcache %}``: the body is rendered once per name and
    keys (and language) and then kept in this process.

    For the parts of the page shell that change only with the site's settings and
    navigation (the ``chrome.version`` key changes whenever they do). In process memory, so
    a hit costs a dictionary lookup and no cache round trip; bounded, so stray keys
    cannot grow it, and emptied every ``PORTAL_MEMO_MAX_AGE`` seconds when that is set.
    """

    tags = {"cache"}
    max_entries = 1024

    def __init__(self, environment):
        super().__init__(environment)
        self.fragments: dict = {}
        self.started = time.monotonic()
        self.lock = threading.Lock()

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        keys = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.List(keys)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, keys, caller):
        if settings.DEBUG:  # a template being edited shows its changes at once
            return caller()
        key = (translation.get_language(), *(str(k) for k in keys))
        if memo_expired(self.started):
            with self.lock:
                self.fragments, self.started = {}, time.monotonic()
        fragment = self.fragments.get(key)
        if fragment is None:
            fragment = caller()
            with self.lock:
                if len(self.fragments) >= self.max_entries:
                    self.fragments.clear()
                self.fragments[key] = fragment
        return fragment


class ConstantTranslationExtension(Extension):
    """``_("text")`` with a literal and nothing else is translated when its template is
    compiled, as if the template held the translation.

    The navigation, labels and buttons of a page are some thirty such strings, and each
    call at render time goes through Jinja2's newstyle gettext wrapper and the active
    language's lookup. Compiled to constants, they cost nothing per page.

    A template is compiled for one language: the folding happens only in an environment
    that names its ``language`` (``PortalJinja2`` keeps one per language). Anything else
    (variables, ``{% trans %}``, plurals) is translated at render time as before, and so is
    a translation that newstyle gettext would print differently from a plain literal: one
    with markup characters (which it leaves unescaped) or a format that fails without
    variables. What is folded prints exactly as the call would.
    """

    CALL = ("name", "lparen", "string", "rparen")

    def filter_stream(self, stream):
        language = getattr(self.environment, "language", None)
        if language is None:
            return stream
        tokens, out = list(stream), []
        i = 0
        while i < len(tokens):
            call = tokens[i : i + 4]
            text = None
            if (
                tuple(t.type for t in call) == self.CALL
                and call[0].value == "_"
                and not (out and out[-1].type == "dot")  # an attribute ``x._("…")``
            ):
                text = self._translation(language, call[2].value)
            if text is None:
                out.append(tokens[i])
                i += 1
            else:
                out.append(Token(call[0].lineno, "string", text))
                i += 4
        return out

    @staticmethod
    def _translation(language: str, message: str) -> str | None:
        """What newstyle gettext prints for ``message``, when a literal prints the same."""
        with translation.override(language):
            try:
                text = translation.gettext(message) % {}  # as newstyle gettext formats it
            except (TypeError, ValueError, KeyError):
                return None
        return text if escape(text) == text else None


class PortalJinja2(Jinja2):
    """Django's Jinja2 backend with the templates compiled once per language.

    ``env`` is an overlay of the configured environment for the active language: its
    templates hold their literal translations (ConstantTranslationExtension), and
    everything else (globals, filters, the fragment cache) is shared. The environments
    must not share a ``bytecode_cache``: its key is the template's name and source, not
    the language, so one language's compiled text would be served to all.
    """

    @property
    def env(self) -> Environment:
        language = translation.get_language()
        env = self._by_language.get(language)
        if env is None:
            with self._lock:
                env = self._by_language.get(language)
                if env is None:
                    env = self._base_env.overlay()
                    env.language = language
                    self._by_language[language] = env
        return env

    @env.setter
    def env(self, environment: Environment) -> None:
        # Django's __init__ assigns the environment it built from the options.
        if environment.bytecode_cache is not None:
            raise ImproperlyConfigured("PortalJinja2 compiles per language: no bytecode_cache")
        self._base_env = environment
        self._by_language: dict[str | None, Environment] = {}
        self._lock = threading.Lock()


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


def _text_of_lazy(value):
    return str(value) if isinstance(value, Promise) else value


class PortalUndefined(ChainableUndefined):
    """A missing variable renders empty, as do its attributes and calls (``{{
    event.actor.get_full_name() }}`` with no actor), as in a Django template."""

    def __call__(self, *args, **kwargs):
        return self


def environment(**options) -> Environment:
    """The environment Django's Jinja2 backend renders ``templates/`` with."""
    options.setdefault("extensions", []).extend(
        ["jinja2.ext.i18n", ConstantTranslationExtension, FragmentCacheExtension]
    )
    # As in a Django template, a missing variable, or any attribute of one, renders empty
    # (Django's backend would otherwise print it back in DEBUG).
    options["undefined"] = PortalUndefined
    # Django's lazy strings (a translated label, a help text) printed as their text: Jinja2
    # would escape a lazy string Django marked safe (the password rules' HTML list).
    options["finalize"] = _text_of_lazy
    env = Environment(**options)
    env.install_gettext_callables(
        gettext,
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
