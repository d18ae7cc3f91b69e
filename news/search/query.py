"""What a visitor types into the search box, parsed, and the queryset that answers it.

Syntax (the usual one of web search engines): words are ANDed; ``"a quoted phrase"`` must
appear as written; ``-word`` or ``-"a phrase"`` excludes; ``OR`` (or ``|``) between two
items accepts either. Chinese is segmented like the documents: 长沙复工复产 is 长沙 AND
复工复产. Full-width forms count as their half-width ones (“”, －, ＯＲ, ＧＤＰ).

Nothing the visitor typed reaches the database as syntax: the parser keeps only letters and
digits, and the tsquery is written from those words by ``to_tsquery_text``.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, Value, When

from .text import STOPWORDS, finer_split, fold, is_cjk, query_words

MAX_WORDS = 12  # more words than this are ignored (and the visitor told)
RANK_WINDOW = 1000  # matches ranked by relevance; older ones follow newest first
QUOTES = str.maketrans(dict.fromkeys("“”„‟«»「」『』〝〞＂", '"'))
ITEM = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+)')
OR_WORDS = {"OR", "|"}


@dataclass(frozen=True)
class Word:
    """One word to find. ``prefix``: a lone character also matches words it starts
    (五十亿 → 五十 AND 亿…, for 五十亿元). ``parts``: a finer cut of the word, accepted
    when its pieces stand next to each other (an article indexed before 株洲高新区 became
    a dictionary word has 株洲 followed by 高新区).
    """

    text: str
    prefix: bool = False
    parts: tuple[str, ...] = ()

    def tsquery(self) -> str:
        whole = quote(self.text) + (":*" if self.prefix else "")
        if not self.parts:
            return whole
        pieces = [quote(self.parts[0])]
        for before, part in zip(self.parts, self.parts[1:], strict=False):
            pieces.append(f"<{len(before)}> {quote(part)}")
        return f"({whole} | {' '.join(pieces)})"

    def q(self) -> Q:
        match = Q(search_document__contains=f" {self.text}" + ("" if self.prefix else " "))
        if self.parts:  # the pieces side by side: the word itself in the stored text
            match |= Q(search_document__contains=self.text)
        return match

    def highlights(self) -> list[str]:
        return [self.text]


@dataclass(frozen=True)
class Phrase:
    """Words that must follow each other exactly as in ``text`` (offsets in characters)."""

    text: str
    words: tuple[tuple[str, int, bool], ...]

    def tsquery(self) -> str:
        parts, previous = [], None
        for word, offset, prefix in self.words:
            if previous is not None:
                parts.append(f"<{offset - previous}>")
            parts.append(quote(word) + (":*" if prefix else ""))
            previous = offset
        return "(" + " ".join(parts) + ")"

    def q(self) -> Q:
        return Q(search_document__contains=self.text)

    def highlights(self) -> list[str]:
        return [self.text]


@dataclass(frozen=True)
class Group:
    """All (``op`` '&') or any (``op`` '|') of its items."""

    op: str
    items: tuple

    def tsquery(self) -> str:
        return "(" + f" {self.op} ".join(item.tsquery() for item in self.items) + ")"

    def q(self) -> Q:
        combined = self.items[0].q()
        for item in self.items[1:]:
            combined = combined & item.q() if self.op == "&" else combined | item.q()
        return combined

    def highlights(self) -> list[str]:
        return [text for item in self.items for text in item.highlights()]


@dataclass(frozen=True)
class Not:
    item: object

    def tsquery(self) -> str:
        return f"!{self.item.tsquery()}"

    def q(self) -> Q:
        return ~self.item.q()

    def highlights(self) -> list[str]:
        return []


@dataclass(frozen=True)
class ParsedQuery:
    """A search as parsed. ``node`` is None when nothing searchable was typed."""

    raw: str
    node: object | None
    truncated: bool = False
    uses_syntax: bool = False

    @property
    def is_empty(self) -> bool:
        return self.node is None

    @property
    def word_limit(self) -> int:
        return MAX_WORDS

    @property
    def rank_window(self) -> int:
        return RANK_WINDOW

    def tsquery(self) -> str:
        return self.node.tsquery()

    def highlights(self) -> list[str]:
        """Folded strings to mark in results, longest first."""
        texts = set(self.node.highlights()) if self.node else set()
        return sorted(texts, key=lambda text: (-len(text), text))


def quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def parse_query(raw: str) -> ParsedQuery:
    """Parse the search box. Never fails: what cannot be searched is left out."""
    text = unicodedata.normalize("NFKC", raw or "").translate(QUOTES)
    if text.count('"') % 2:  # an unpaired quote is taken as typed by accident
        head, _, tail = text.rpartition('"')
        text = head + " " + tail
    budget = [MAX_WORDS]
    clauses: list = []
    join_next = uses_syntax = False
    for match in ITEM.finditer(text):
        if match["word"] in OR_WORDS:
            join_next = bool(clauses)
            uses_syntax = True
            continue
        negated = bool(match["neg"])
        if match["phrase"] is not None:
            node = _phrase(match["phrase"], budget)
            uses_syntax = True
        else:
            word = match["word"]
            if word.startswith("-") and len(word) > 1:
                negated, word = True, word[1:]
            node = _words(word, budget)
        if node is None:
            continue
        uses_syntax |= negated
        node = Not(node) if negated else node
        if join_next:
            previous = clauses.pop()
            items = previous.items if isinstance(previous, Group) and previous.op == "|" else ()
            node = Group("|", (*(items or (previous,)), node))
        clauses.append(node)
        join_next = False
    root = None
    if clauses:
        root = clauses[0] if len(clauses) == 1 else Group("&", tuple(clauses))
    return ParsedQuery(raw, root, truncated=budget[0] < 0, uses_syntax=uses_syntax)


def _spend(budget: list[int], words: list) -> list:
    allowed = max(budget[0], 0)
    budget[0] -= len(words)
    return words[:allowed]


def _words(text: str, budget: list[int]):
    """An unquoted item: its words, all required (stop words are not indexed: left out)."""
    found = [
        word
        for word, _offset in query_words(fold(text))
        if not (len(word) == 1 and word in STOPWORDS)
    ]
    found = _spend(budget, found)
    nodes = [Word(w, prefix=len(w) == 1 and is_cjk(w), parts=finer_split(w)) for w in found]
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else Group("&", tuple(nodes))


def _phrase(text: str, budget: list[int]):
    """A quoted item: its words at their offsets (stop words keep their place, unsearched)."""
    folded = fold(text)
    found = [
        (word, offset, len(word) == 1 and is_cjk(word))
        for word, offset in query_words(folded)
        if not (len(word) == 1 and word in STOPWORDS)
    ]
    found = _spend(budget, found)
    if not found:
        return None
    if len(found) == 1:
        return Word(found[0][0], prefix=found[0][2])
    return Phrase(folded, tuple(found))


def _postgres(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _tsquery(query: ParsedQuery) -> SearchQuery:
    return SearchQuery(query.tsquery(), search_type="raw", config="simple")


def match_articles(queryset, query: ParsedQuery):
    """``queryset`` narrowed to the articles matching ``query`` (unchanged when empty)."""
    if query.is_empty:
        return queryset
    if _postgres(queryset):
        return queryset.filter(search_document=_tsquery(query))
    return queryset.filter(query.node.q())


def order_by_relevance(queryset, query: ParsedQuery, *, newest_first: bool = False):
    """Matched articles best first, ties newest first; or all of them newest first.

    Relevance covers the ``RANK_WINDOW`` newest matches (like a web search engine, which
    also stops after a thousand results): ranking reads each candidate's whole document,
    and a word found in most articles (园区) would otherwise cost a scan of the table on
    every page. Sorting by date lists every match. On PostgreSQL the rank is ``ts_rank``
    with the document's weights; on SQLite it is the number of searched words in the title.
    """
    if newest_first or query.is_empty:
        return queryset.order_by("-published_at", "-pk")
    window = queryset.order_by("-published_at", "-pk").values("pk")[:RANK_WINDOW]
    queryset = queryset.filter(pk__in=window)
    if _postgres(queryset):
        rank = SearchRank(F("search_document"), _tsquery(query), normalization=1)
    else:
        rank = sum(
            (
                Case(When(title__icontains=text, then=Value(1)), default=Value(0))
                for text in query.highlights()[:MAX_WORDS]
            ),
            Value(0, output_field=IntegerField()),
        )
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "-published_at", "-pk")


def search_articles(queryset, query: ParsedQuery, *, newest_first: bool = False):
    """Match and order in one step (``ArticleFilter`` orders after its other filters)."""
    return order_by_relevance(match_articles(queryset, query), query, newest_first=newest_first)
