"""Find executable content in HTML the way a browser would parse it (html5lib).

``executable_content(html)`` checks a whole page: scripts other than our own static files
and JSON data blocks, ``on*`` handlers, script-capable URLs, and elements that change the
document (``<base>``, ``<meta http-equiv>``, frames, plugins). ``unsafe_in_fragment(html)``
checks stored rich text, where even styles, forms and SVG have no place.
"""

import re

from bs4 import BeautifulSoup

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "xlink:href",
    "data",
    "poster",
    "background",
    "dynsrc",
    "lowsrc",
    "codebase",
    "cite",
    "ping",
}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
# Browsers drop ASCII whitespace and control characters inside a scheme before reading it.
SCHEME_NOISE = re.compile(r"[\x00-\x20\x7f]+")
DOCUMENT_TAGS = {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
# Stored rich text may use exactly what core.richtext allows; these never belong in it.
FRAGMENT_FORBIDDEN_TAGS = DOCUMENT_TAGS | {
    "script",
    "style",
    "link",
    "meta",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "svg",
    "math",
    "template",
    "noscript",
    "video",
    "audio",
    "title",
    "xmp",
    "noembed",
    "noframes",
}


def parse(html) -> BeautifulSoup:
    """Parse like a browser; an already parsed tree is returned as it is."""
    return html if not isinstance(html, str) else BeautifulSoup(html, "html5lib")


def _bad_url(value: str) -> bool:
    # srcset and ping hold several URLs; any of them counts.
    for part in re.split(r"[,\s]+", value.strip()) if value else []:
        if BAD_SCHEME.match(SCHEME_NOISE.sub("", part)):
            return True
    return bool(BAD_SCHEME.match(SCHEME_NOISE.sub("", value or "")))


def _attribute_problems(tag) -> list[str]:
    problems = []
    for name, value in tag.attrs.items():
        value = " ".join(value) if isinstance(value, list) else value
        lowered = name.lower()
        if lowered.startswith("on"):
            problems.append(f"<{tag.name} {name}=…> event handler")
        elif lowered in URL_ATTRIBUTES and _bad_url(value):
            problems.append(f"<{tag.name} {name}={value!r}> script-capable URL")
    return problems


def _is_own_script(tag, static_prefix: str) -> bool:
    if (tag.get("type") or "").lower() in DATA_SCRIPT_TYPES:
        return True
    src = tag.get("src") or ""
    return src.startswith(static_prefix) and not tag.get_text().strip()


SVG_ACTIVE = {"script", "foreignobject", "a", "animate", "set", "animatetransform", "image"}


def _is_inert_svg(tag) -> bool:
    """Our share QR code (segno) and the admin's icon sprites: shapes only, local refs."""
    for child in tag.find_all(True):
        if child.name.lower() in SVG_ACTIVE:
            return False
        href = child.get("href") or child.get("xlink:href")
        if href and not href.startswith("#"):
            return False
    return True


def executable_content(html, *, static_prefix: str = "/static/") -> list[str]:
    """Everything in a page that could run script or redirect the document."""
    problems = []
    for tag in parse(html).find_all(True):
        problems.extend(_attribute_problems(tag))
        if tag.name == "script" and not _is_own_script(tag, static_prefix):
            problems.append(f"foreign <script>: {str(tag)[:120]}")
        elif tag.name in DOCUMENT_TAGS:
            problems.append(f"<{tag.name}> element")
        elif tag.name == "meta" and tag.get("http-equiv"):
            problems.append(f"<meta http-equiv={tag['http-equiv']!r}>")
        elif tag.name == "svg" and not _is_inert_svg(tag):
            problems.append("foreign <svg>")
        elif tag.name == "form" and _bad_url(tag.get("action", "")):
            problems.append("<form> posting to a script URL")
    return problems


def unsafe_in_fragment(html) -> list[str]:
    """What must never appear inside stored rich text, beyond ``executable_content``.

    ``html`` is a fragment's source, or an element of a parsed page (its container).
    """
    container = html if not isinstance(html, str) else parse(html).body
    problems = []
    for tag in container.find_all(True):
        problems.extend(_attribute_problems(tag))
        if tag.name in FRAGMENT_FORBIDDEN_TAGS:
            problems.append(f"<{tag.name}> in rich text")
        if tag.has_attr("style"):
            problems.append(f"<{tag.name} style=…> in rich text")
        if tag.has_attr("id") or tag.has_attr("name"):
            problems.append(f"<{tag.name}> with id/name (DOM clobbering)")
    return problems


def rich_text_regions(html, selector: str = ".rich-text") -> list:
    """Every stored-rich-text container on a page, as parsed elements."""
    return parse(html).select(selector)
