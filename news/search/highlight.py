"""Marking what matched: titles and snippets with ``<mark>``, built from the original text.

The words are looked for in the folded text (so ＧＤＰ in an article is found by gdp) and
mapped back to the original characters, which are escaped; only the ``<mark>`` tags are
ours. Nothing from segmentation reaches the reader, so no stray spaces appear.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import CJK, fold_char

SNIPPET_LENGTH = 110
LEAD_IN = 24  # characters of context shown before the first match
# Chinese puts no space between sentences; the one left where two paragraphs were joined goes.
CJK_OR_PUNCTUATION = f"[{CJK}\u3000-\u303f\uff00-\uffef]"
SPACE_BY_CJK = re.compile(f"(?<={CJK_OR_PUNCTUATION})\\s+|\\s+(?={CJK_OR_PUNCTUATION})")


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, and for each folded character the index of
    the original one it came from.
    """
    chars, origins = [], []
    for index, char in enumerate(text):
        for folded in fold_char(char):
            chars.append(folded)
            origins.append(index)
    return "".join(chars), origins


def find_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) ranges of ``text`` where any of ``terms`` occurs."""
    if not text or not terms:
        return []
    folded, origins = _folded_with_origins(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((origins[start], origins[end - 1] + 1))
            start = folded.find(term, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    out, cursor = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out += [escape(text[cursor:span_start]), "<mark>", escape(text[span_start:span_end])]
        out.append("</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    return "".join(out)


def highlight(text: str, terms: list[str]) -> SafeString:
    """All of ``text``, escaped, with every occurrence of ``terms`` marked."""
    return mark_safe(_marked(text or "", find_spans(text, terms)))


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString | None:
    """About ``length`` characters of ``text`` around the densest cluster of matches, marked
    and escaped, with … where text was cut; None when nothing in ``text`` matches.
    """
    text = SPACE_BY_CJK.sub("", text or "")
    spans = find_spans(text, terms)
    if not spans:
        return None
    # The window that starts at a match and covers the most matches.
    best = max(spans, key=lambda s: sum(1 for o in spans if s[0] <= o[0] < s[0] + length))
    start = max(0, best[0] - LEAD_IN)
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    body = _marked(text, spans, start, end)
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))
