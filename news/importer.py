"""Read legacy article pages (saved as text or HTML) into the fields of an ``Article``.

Pages of old CMS sites mix the article with navigation menus, breadcrumbs, sidebars,
related-article lists and footer link groups. The parser works on lines:

1. the article's metadata line (``来源：… 发布时间：… 点击量：…``) anchors the title, the
   line just above it; without one, the title is the last heading-like line before the
   first paragraph of prose;
2. the body runs from there to the first line of site chrome (上一篇, 协会简介, 友情链接,
   版权所有 …) or of a bare link list; prose becomes paragraphs, numbered headings become
   ``<h3>``, images keep their captions as ``<figure><figcaption>``; short lines left over
   at the end (related-article titles) are dropped;
3. whatever cannot be found for certain (title, publish date, body) is reported as an
   error for that file, and the caller imports nothing from it.

No database access here: ``news/management/commands/import_articles.py`` does the writing.
"""

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from .legacy_pages import Block, read_blocks

MAX_TITLE = 200
MAX_META = 100

META_LABELS = {
    **dict.fromkeys(["来源", "文章来源", "信息来源"], "source"),
    **dict.fromkeys(["作者", "撰稿"], "author"),
    **dict.fromkeys(["发布人", "发布者", "发布单位"], "publisher"),
    **dict.fromkeys(["发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期"], "date"),
    **dict.fromkeys(
        ["点击量", "点击数", "点击", "浏览次数", "浏览量", "浏览", "阅读量", "阅读"], "views"
    ),
    **dict.fromkeys(["责任编辑", "编辑", "字体", "字号", "分享到", "分享"], "ignore"),
}
_LABELS = "|".join(sorted(map(re.escape, META_LABELS), key=len, reverse=True))
META_LABEL = re.compile(rf"(?:【|\[)?({_LABELS})(?:】|\])?\s*[:：]")
DATE = re.compile(
    r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
SENTENCE_END = re.compile(r"[。！？；!?;]")
CLAUSE = re.compile(r"[，,、：:]")
HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|"
    r"第[一二三四五六七八九十\d]+[章节部分条]|\d{1,2}[、.．](?!\d))"
)
AUTHOR_TAIL = re.compile(
    r"[（(]\s*(?:作者|记者|撰稿|文|通讯员|供稿)\s*[:：/]\s*([^（）()]{1,30}?)\s*[）)]?\s*$"
)
NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
# Lines that belong to the site, not to the article: the body stops at the first of them.
CHROME_LINES = {
    "上一篇", "下一篇", "相关文章", "相关阅读", "相关新闻", "相关链接", "推荐阅读", "热点新闻",
    "热门文章", "最新文章", "协会简介", "协会章程", "协会职能", "协会动态", "联系我们", "关于我们",
    "友情链接", "政府部门", "行业协会", "新闻媒体", "留言箱", "返回顶部", "打印本页", "关闭窗口",
    "【打印】", "【关闭】", "网站地图", "版权声明", "首页",
}  # fmt: skip
CHROME_PREFIX = re.compile(
    r"^(?:上一篇|下一篇|版权所有|copyright|©|主办单位|承办单位|技术支持|网站标识码|"
    r"[\u4e00-\u9fff]?ICP|当前位置|您的位置|所在位置)",
    re.IGNORECASE,
)
BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]?\s*(.*)$")
CRUMB_SEPARATOR = re.compile(r"\s*(?:[>›»/|｜→]|&gt;|\s)\s*")


@dataclass
class ParsedArticle:
    """What the parser found in one page, and what it could not find."""

    path: str
    title: str = ""
    published_at: dt.datetime | None = None
    source: str = ""
    author: str = ""
    publisher: str = ""
    view_count: int | None = None
    body: str = ""
    context: list[str] = field(default_factory=list)  # lines above the title (site, column)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def column_names(self) -> list[str]:
        """Names the page gives its column, most specific first: the breadcrumb trail when
        there is one, otherwise the short lines right above the title (``园区快讯``)."""
        for line in reversed(self.context):
            if match := BREADCRUMB.match(line):
                return [p for p in reversed(CRUMB_SEPARATOR.split(match.group(1))) if p]
        return [line for line in reversed(self.context[-3:]) if not is_chrome(line)]


def is_prose(text: str) -> bool:
    """A sentence of running text rather than a title, caption, menu item or link list.

    A line ending in a colon (``各会员单位：``) leads into the text, so it counts too.
    """
    return (
        bool(SENTENCE_END.search(text))
        or text.endswith(("：", ":"))
        or (len(text) >= 60 and bool(CLAUSE.search(text)))
    )


def is_chrome(text: str) -> bool:
    return text.rstrip("：:") in CHROME_LINES or bool(CHROME_PREFIX.match(text))


def is_link_list(text: str) -> bool:
    """A long run of names without any punctuation: a footer's group of links."""
    return len(text) >= 60 and not SENTENCE_END.search(text) and not CLAUSE.search(text)


def parse_meta(text: str) -> dict | None:
    """The fields of a metadata line such as ``来源:X 发布时间:2020年03月11日 点击量:655``."""
    if len(text) > 200 or not META_LABEL.match(text):
        return None
    found = list(META_LABEL.finditer(text))
    fields = {}
    for match, following in zip(found, found[1:] + [None], strict=True):
        end = following.start() if following else len(text)
        value = text[match.end() : end].strip(" |｜/")
        key = META_LABELS[match.group(1)]
        if key != "ignore" and value and key not in fields:
            fields[key] = value
    return fields if set(fields) - {"views"} else None


def parse_date(text: str) -> dt.datetime | None:
    match = DATE.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        naive = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return timezone.make_aware(naive, timezone.get_default_timezone())


def parse_file(path) -> ParsedArticle:
    """Parse one saved page; ``errors`` says why it cannot be imported, if it cannot."""
    path = Path(path)
    result = ParsedArticle(path=str(path))
    try:
        blocks = read_blocks(path)
    except OSError as exc:
        result.errors.append(_("无法读取文件：%(error)s") % {"error": exc.strerror or exc})
        return result
    except ValueError as exc:
        result.errors.append(str(exc))
        return result
    return parse_blocks(blocks, result)


def parse_blocks(blocks: list[Block], result: ParsedArticle) -> ParsedArticle:
    """Fill ``result`` from the page's lines (see the module docstring for the method)."""
    start = _find_title(blocks, result)
    if start is None:
        result.errors.append(_("找不到标题"))
        return result
    paragraphs = _read_body(blocks[start:], result)
    _split_source_and_author(result)
    if not result.published_at:
        result.errors.append(_("找不到发布时间"))
    if not any(kind == "p" for kind, _text in paragraphs):
        result.errors.append(_("找不到正文段落"))
    for name, limit in (("title", MAX_TITLE), ("source", MAX_META), ("author", MAX_META)):
        if len(getattr(result, name)) > limit:
            result.errors.append(_("“%(field)s”过长，可能识别有误") % {"field": name})
    result.body = "\n".join(paragraphs_to_html(paragraphs))
    return result


def _apply_meta(fields: dict, result: ParsedArticle) -> None:
    for key, value in fields.items():
        if key == "date":
            result.published_at = result.published_at or parse_date(value)
        elif key == "views":
            digits = re.match(r"\d+", value.replace(",", ""))
            if digits and result.view_count is None:
                result.view_count = int(digits.group())
        elif not getattr(result, key):
            setattr(result, key, value)


def _is_title_candidate(block: Block) -> bool:
    text = block.text
    return (
        bool(text)
        and 4 <= len(text) <= MAX_TITLE
        and not is_prose(text)
        and not is_chrome(text)
        and not parse_meta(text)
        and not BREADCRUMB.match(text)
    )


def _find_title(blocks: list[Block], result: ParsedArticle) -> int | None:
    """Set the title and header metadata; return where the body begins."""

    def candidates(start, end):
        return [i for i in range(max(0, start), end) if _is_title_candidate(blocks[i])]

    h1 = next((i for i, b in enumerate(blocks) if b.heading and _is_title_candidate(b)), None)
    title_at = None
    for i, block in enumerate(blocks):
        fields = parse_meta(block.text)
        if fields and "date" in fields and (above := candidates(i - 3, i)):
            title_at = h1 if h1 is not None and h1 < i else above[-1]
            break
    if title_at is None:
        # No dated header line: the title is the last heading-like line above the first
        # real paragraph (a short welcome banner with an exclamation mark is not one).
        first_prose = next(
            (i for i, b in enumerate(blocks) if len(b.text) >= 40 and is_prose(b.text)),
            len(blocks),
        )
        above = candidates(0, first_prose) if first_prose < len(blocks) else []
        if above:
            title_at = h1 if h1 is not None and h1 < first_prose else above[-1]
    if title_at is None:
        return None
    result.title = blocks[title_at].text
    result.context = [b.text for b in blocks[:title_at] if b.text]
    body_at = title_at + 1
    # Metadata lines right under the title belong to the header, not to the body.
    while body_at < len(blocks) and (fields := parse_meta(blocks[body_at].text)):
        _apply_meta(fields, result)
        body_at += 1
    return body_at


def _read_body(blocks: list[Block], result: ParsedArticle) -> list[tuple[str, object]]:
    """The article's paragraphs, headings and figures, in order, until the site's chrome."""
    out: list[tuple[str, object]] = []
    pending: list[str] = []  # short lines: captions if prose follows, link titles if not
    for block in blocks:
        if block.image:
            out.extend(("caption", c) for c in pending)
            pending.clear()
            src = _image_src(block.image, result)
            out.append(("figure", {"src": src, "alt": block.alt, "caption": ""}))
            continue
        text = block.text
        if (fields := parse_meta(text)) is not None:
            _apply_meta(fields, result)
            continue
        if is_chrome(text) or is_link_list(text):
            break
        if block.caption and out and out[-1][0] == "figure" and not out[-1][1]["caption"]:
            out[-1][1]["caption"] = text
        elif is_prose(text):
            out.extend(("caption", c) for c in pending)
            pending.clear()
            out.append(("p", text))
        elif HEADING.match(text):
            out.extend(("caption", c) for c in pending)
            pending.clear()
            out.append(("h3", text))
        elif out and out[-1][0] == "figure" and not out[-1][1]["caption"] and not pending:
            out[-1][1]["caption"] = text
        else:
            pending.append(text)
    _take_author_from_tail(out, result)
    return out


def _image_src(src: str, result: ParsedArticle) -> str:
    """Absolute image addresses only: a relative one would point at this site, wrongly."""
    src = src.strip()
    if src.startswith("//"):
        return "https:" + src
    if re.match(r"https?://", src, re.IGNORECASE):
        return src
    result.warnings.append(_("图片使用相对地址，已略去：%(src)s") % {"src": src[:100]})
    return ""


def _take_author_from_tail(out: list, result: ParsedArticle) -> None:
    """``…全文完。（作者：张三）`` at the very end names the author."""
    for index in range(len(out) - 1, -1, -1):
        if out[index][0] != "p":
            continue
        match = AUTHOR_TAIL.search(out[index][1])
        if match:
            result.author = result.author or match.group(1).strip()
            rest = out[index][1][: match.start()].rstrip()
            out[index] = ("p", rest) if rest else ("skip", "")
        return


def _split_source_and_author(result: ParsedArticle) -> None:
    """``来源：某某开发区 张三`` names the source and, after a space, the author."""
    parts = result.source.rsplit(" ", 1)
    if not result.author and len(parts) == 2 and NAME.match(parts[1]) and len(parts[0]) >= 4:
        result.source, result.author = parts[0].strip(), parts[1]
    if not result.source and result.publisher:
        result.source = result.publisher


def paragraphs_to_html(paragraphs) -> list[str]:
    """HTML for the body; core.richtext sanitizes it again when the article is saved."""
    out = []
    for kind, value in paragraphs:
        if kind == "p":
            out.append(f"<p>{html.escape(value)}</p>")
        elif kind == "h3":
            out.append(f"<h3>{html.escape(value)}</h3>")
        elif kind == "caption":
            out.append(f"<figure><figcaption>{html.escape(value)}</figcaption></figure>")
        elif kind == "figure":
            caption = value["caption"]
            if not value["src"]:
                if caption:
                    out.append(f"<figure><figcaption>{html.escape(caption)}</figcaption></figure>")
                continue
            src, alt = html.escape(value["src"]), html.escape(value["alt"] or caption)
            img = f'<img src="{src}" alt="{alt}">'
            cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
            out.append(f'<figure class="image">{img}{cap}</figure>')
    return out
