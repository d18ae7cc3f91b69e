"""Saved legacy pages as lines: decoding, and HTML reduced to text and images in reading order.

``news.importer`` reads these lines; nothing here knows what an article looks like.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString
from django.utils.translation import gettext as _

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}
BULLET = re.compile(r"^[\s•·●▪■◆◇►▶>»\-*]+\s*")
SPACES = re.compile(r"[\s\u3000\xa0]+")
HTML_START = re.compile(r"<(?:html|body|p|div)\b", re.IGNORECASE)


@dataclass
class Block:
    """One line of the page: text, or an image with its caption."""

    text: str = ""
    image: str = ""
    alt: str = ""
    caption: bool = False  # an HTML <figcaption>
    heading: bool = False  # an HTML <h1>


def clean_line(text: str) -> str:
    return BULLET.sub("", SPACES.sub(" ", text).strip()).strip()


def read_text(path: Path) -> str:
    """The file decoded as UTF-8, or as GB18030 (which covers GBK and GB2312)."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(_("无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030）"))


def blocks_from_text(text: str) -> list[Block]:
    return [Block(text=line) for line in map(clean_line, text.splitlines()) if line]


BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td",
    "th", "figure", "figcaption", "blockquote", "pre", "center", "hr", "address",
}  # fmt: skip
DROP_TAGS = [
    "script", "style", "noscript", "template", "iframe", "form", "select", "button",
    "input", "textarea", "svg", "nav", "aside", "object", "embed", "head",
]  # fmt: skip


def blocks_from_html(markup: str) -> list[Block]:
    """Lines of an HTML page in reading order, menus and scripts removed."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    blocks: list[Block] = []
    buffer: list[str] = []

    def flush(**flags):
        line = clean_line("".join(buffer))
        buffer.clear()
        if line:
            blocks.append(Block(text=line, **flags))

    def walk(node, flags):
        for child in node.children:
            if type(child) is NavigableString:
                buffer.append(str(child))
            elif isinstance(child, NavigableString):
                continue  # doctype, comment, processing instruction
            elif child.name == "img":
                flush(**flags)
                blocks.append(
                    Block(image=child.get("src", ""), alt=clean_line(child.get("alt", "")))
                )
            elif child.name == "br":
                flush(**flags)
            elif child.name in BLOCK_TAGS:
                flush(**flags)
                inner = {
                    "caption": flags.get("caption") or child.name == "figcaption",
                    "heading": flags.get("heading") or child.name == "h1",
                }
                walk(child, inner)
                flush(**inner)
            else:
                walk(child, flags)

    walk(soup, {})
    flush()
    return blocks


def read_blocks(path: Path) -> list[Block]:
    """The lines of a saved page, HTML or text (raises OSError or ValueError)."""
    text = read_text(path)
    if path.suffix.lower() in HTML_SUFFIXES or HTML_START.search(text[:2000]):
        return blocks_from_html(text)
    return blocks_from_text(text)
