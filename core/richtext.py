"""The one place that knows which rich-text editor the portal uses and how HTML is cleaned.

Models declare ``RichTextField``; it renders CKEditor 5 (django-ckeditor-5) in forms and
sanitizes with nh3 every time a value is written to the database, whatever produced it
(admin, contribution form, importer, shell). Swapping the editor means changing this file.
"""

import html as html_lib
import re

import nh3
from django_ckeditor_5.fields import CKEditor5Field
from django_ckeditor_5.widgets import CKEditor5Widget

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "span",
    "figure",
    "figcaption",
    "img",
    "picture",
    "source",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "source": {"srcset", "type", "media"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "ol": {"start"},
}
# CKEditor marks layout with classes; only its own, known ones survive.
ALLOWED_CLASSES = {
    "figure": {
        "image",
        "table",
        "image-style-side",
        "image-style-align-left",
        "image-style-align-center",
        "image-style-align-right",
        "image_resized",
    },
    "span": {"text-tiny", "text-small", "text-big", "text-huge"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|div|figcaption|td|th|tr|blockquote|pre)>|<br\s*/?>", re.I)


URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
SRCSET_DESCRIPTOR = re.compile(r"^\d+(?:\.\d+)?[wx]$")


def _url_allowed(url: str) -> bool:
    """A relative URL, or one whose scheme (read as a browser would) is allowed."""
    match = SCHEME.match(URL_NOISE.sub("", url))
    return match is None or match.group(1).lower() in URL_SCHEMES


def _clean_srcset(value: str, image_prefixes: tuple[str, ...] | None) -> str | None:
    """``srcset`` is a list of URLs that nh3 does not check: keep only allowed candidates."""
    kept = []
    for candidate in value.split(","):
        parts = candidate.split()
        if not parts or len(parts) > 2 or not _url_allowed(parts[0]):
            continue
        if len(parts) == 2 and not SRCSET_DESCRIPTOR.match(parts[1]):
            continue
        if image_prefixes is not None and not parts[0].startswith(image_prefixes):
            continue
        kept.append(" ".join(parts))
    return ", ".join(kept) or None


def sanitize_html(html: str | None, *, image_prefixes: tuple[str, ...] | None = None) -> str:
    """Return ``html`` reduced to the portal's allowlist: no scripts, handlers, styles or
    dangerous URLs. Links get ``rel="noopener noreferrer nofollow"``.

    With ``image_prefixes``, an ``<img>`` keeps its ``src`` (and a ``<source>`` its
    ``srcset`` candidates) only when they start with one of them (zone contributors may
    show only images they uploaded themselves).
    """
    if not html:
        return ""

    def attribute_filter(tag, attribute, value):
        if attribute == "srcset":
            return _clean_srcset(value, image_prefixes)
        if (
            image_prefixes is not None
            and tag == "img"
            and attribute == "src"
            and not value.startswith(image_prefixes)
        ):
            return None
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment (for summaries and meta descriptions)."""
    if not html:
        return ""
    # Block ends become spaces so that paragraphs do not run together.
    html = BLOCK_END.sub(" ", html)
    text = nh3.clean(html, tags=set(), attributes={})
    return " ".join(html_lib.unescape(text).split())


class RichTextField(CKEditor5Field):
    """A text column holding sanitized HTML, edited with CKEditor 5.

    ``config_name`` picks a toolbar from ``settings.CKEDITOR_5_CONFIGS``.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return sanitize_html(value)

    def pre_save(self, model_instance, add):
        # Keep the in-memory instance equal to what is stored.
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class RichTextWidget(CKEditor5Widget):
    """The editor widget, for forms that are not built from a model field."""
