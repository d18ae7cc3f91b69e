"""Chinese text as search sees it: folding and segmentation with jieba.

PostgreSQL's parser takes a whole run of Chinese characters as one word, so the portal cuts
text into words itself, with jieba, before anything reaches the database. Documents and
queries go through the same functions here, so they agree on what a word is.

The jieba dictionary (its own ~350,000 words, the domain words in ``news/data/search_dict.txt``
and the names of zones and regions in the database) loads once per process, on first use,
under a lock. jieba keeps a cache of its prefix dictionary in
``settings.PORTAL_SEARCH_CACHE_DIR``, so that first use costs about half a second.
"""

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import jieba
from django.conf import settings
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

DOMAIN_DICTIONARY = Path(__file__).resolve().parent.parent / "data" / "search_dict.txt"
CACHE_FILE = "jieba.cache"

# Single characters too common to search for on their own (kept in phrases by position).
STOPWORDS = frozenset("的了和与及或在是对为将把被也就都而之于以等着其这那个并从由向即又")
MAX_WORD_LENGTH = 60  # longer "words" are noise (URLs, runs of digits)
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_WORD = re.compile(f"[{CJK}]+")
WORD_CHARS = re.compile(r"[^\W_]+")  # letters and digits of any script, no punctuation
SPACES_BETWEEN_CJK = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")
# Sentences are segmented (and cached) one at a time: news text repeats a lot of them.
SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;\n]*|[。！？；!?;\n]+")

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def fold(text: str) -> str:
    """Text as search compares it: full-width forms made half-width (NFKC), lower case,
    whitespace collapsed and dropped between Chinese characters (it carries no meaning there).
    """
    text = unicodedata.normalize("NFKC", text or "").lower()
    return SPACES_BETWEEN_CJK.sub("", " ".join(text.split()))


def fold_char(char: str) -> str:
    """One character folded like ``fold`` (may become zero or several characters)."""
    return unicodedata.normalize("NFKC", char).lower()


def is_cjk(word: str) -> bool:
    return CJK_WORD.fullmatch(word) is not None


def tokenizer() -> jieba.Tokenizer:
    """The process's jieba tokenizer, loading its dictionaries on first use."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _load_tokenizer()
    return _tokenizer


def _load_tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.INFO)  # its progress lines are debug output on stderr
    loaded = jieba.Tokenizer()
    cache_dir = Path(settings.PORTAL_SEARCH_CACHE_DIR)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        logger.warning("Search cache directory %s is not writable; jieba rebuilds", cache_dir)
    loaded.tmp_dir = str(cache_dir)
    loaded.cache_file = CACHE_FILE
    loaded.initialize()
    loaded.load_userdict(str(DOMAIN_DICTIONARY))
    for name in _place_names():
        _add(loaded, name)
    return loaded


def _place_names() -> list[str]:
    """Zone names, short names and region names from the database, so they stay whole."""
    from members.models import Region, Zone

    try:
        # A savepoint: before the tables exist (migrations) this fails harmlessly.
        with transaction.atomic():
            names = [n for pair in Zone.objects.values_list("name", "short_name") for n in pair]
            names += Region.objects.values_list("name", flat=True)
    except DatabaseError:
        logger.info("Zone and region names not loaded into the search dictionary")
        return []
    return names


def _add(loaded: jieba.Tokenizer, name: str) -> None:
    word = fold(name).replace(" ", "")
    if len(word) > 1 and is_cjk(word) and not loaded.FREQ.get(word):
        loaded.add_word(word)


def add_words(names: Iterable[str]) -> None:
    """Teach the loaded dictionary new names (a zone saved in this process). A process that
    has not loaded it yet reads every name from the database when it does.
    """
    if _tokenizer is None:
        return
    with _lock:
        for name in names:
            if name:
                _add(_tokenizer, name)
    _sentence_words.cache_clear()


def query_words(text: str) -> list[tuple[str, int]]:
    """The words of folded query text with their offsets: jieba's precise cut, punctuation
    dropped, long mixed tokens split into their runs of letters and digits.
    """
    loaded = tokenizer()
    words = []
    for token, start, _end in loaded.tokenize(text):
        for match in WORD_CHARS.finditer(token):
            if len(match.group()) <= MAX_WORD_LENGTH:
                words.append((match.group(), start + match.start()))
    return words


def document_words(text: str) -> Iterator[tuple[str, int]]:
    """Every word of folded document text with its offset, including the dictionary words
    inside longer ones: 高新技术产业开发区 also yields 高新, 高新技术, 技术, 产业, 开发区 …

    This is jieba's search-engine mode (``cut_for_search``) taken to every length: jieba
    only looks two and three characters deep, which misses 经济技术开发区 inside
    长沙经济技术开发区. Single-character stop words are left out.
    """
    for sentence in SENTENCE.finditer(text):
        base = sentence.start()
        for word, offset in _sentence_words(sentence.group()):
            yield word, base + offset


@functools.lru_cache(maxsize=8192)  # a few MB; bulk jobs repeat boilerplate sentences
def _sentence_words(sentence: str) -> tuple[tuple[str, int], ...]:
    freq = tokenizer().FREQ
    words = []
    for word, offset in query_words(sentence):
        if len(word) == 1 and word in STOPWORDS:
            continue
        words.append((word, offset))
        if len(word) > 2 and is_cjk(word):
            words += (
                (word[i:j], offset + i)
                for i in range(len(word))
                for j in range(i + 2, len(word) + 1)
                if j - i < len(word) and freq.get(word[i:j])
            )
    return tuple(words)


def finer_split(word: str) -> tuple[str, ...]:
    """The best cut of ``word`` into two or more dictionary words of two or more characters
    (株洲高新区 → 株洲, 高新区), or () when there is none. A query word may be written as one
    word in the query and as several in an article (株洲市高新区).
    """
    if len(word) < 4 or not is_cjk(word):
        return ()
    loaded = tokenizer()
    dag = loaded.get_DAG(word)
    dag[0] = [end for end in dag[0] if end != len(word) - 1] or [0]
    route: dict = {}
    loaded.calc(word, dag, route)
    pieces, start = [], 0
    while start < len(word):
        end = route[start][1] + 1
        pieces.append(word[start:end])
        start = end
    if len(pieces) < 2 or any(len(piece) < 2 for piece in pieces):
        return ()
    return tuple(pieces)
