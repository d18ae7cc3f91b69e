"""The stored search document of an article, the model field that keeps it, and its rebuild.

On PostgreSQL the document is a ``tsvector`` written as a literal: every word jieba finds,
with the words inside compounds, weighted (title and zone A; source, author and summary B;
body C). A word's position is its character offset in the text, so a sub-word sits where it
occurs and a quoted phrase matches exactly those characters (``'高新' <2> '区'``). The lexemes
are what the ``simple`` configuration would make of them (lower case, no stemming, no stop
words), folded in Python so the database's locale cannot split Chinese differently.

Elsewhere (SQLite, the quick start) the same words are stored as plain text, `` 词 词 … ``,
followed by the folded text itself, and search is ``LIKE`` (see ``query.py``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.utils.module_loading import import_string

from core.richtext import html_to_text

from .text import document_words, fold

MAX_POSITION = 16383  # PostgreSQL's limit; later positions share it
MAX_POSITIONS_PER_WORD = 256  # PostgreSQL's limit
FIELD_GAP = 8  # keeps a phrase from running from one field into the next


@dataclass
class SearchDocument:
    """Weighted words with their positions, and the folded text they came from."""

    positions: dict[str, dict[int, str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)

    def as_tsvector(self) -> str:
        """A tsvector literal: ``'word':3A,40C 'other':9B``."""
        entries = []
        for word, spots in self.positions.items():
            marks = ",".join(
                f"{pos}{'' if weight == 'D' else weight}"
                for pos, weight in sorted(spots.items())[:MAX_POSITIONS_PER_WORD]
            )
            quoted = word.replace("\\", "\\\\").replace("'", "''")
            entries.append(f"'{quoted}':{marks}")
        return " ".join(entries)

    def as_text(self) -> str:
        """The SQLite form: each word once between spaces, then the folded text."""
        return f" {' '.join(self.positions)} \n{' | '.join(self.texts)}"


def build_document(parts: Iterable[tuple[str, str]]) -> SearchDocument:
    """A document from ``(weight, text)`` pairs, in order; weights are 'A' to 'D'."""
    document, base = SearchDocument(), 0
    for weight, raw in parts:
        text = fold(raw)
        if not text:
            continue
        document.texts.append(text)
        for word, offset in document_words(text):
            position = min(base + offset + 1, MAX_POSITION)
            document.positions.setdefault(word, {}).setdefault(position, weight)
        base += len(text) + FIELD_GAP
    return document


def article_document(article) -> SearchDocument:
    """What search knows of an article. Reads plain attributes only, so it also works on
    the historical models of migrations.
    """
    zone = article.zone if article.zone_id else None
    return build_document(
        [
            ("A", article.title),
            ("A", zone.name if zone else ""),
            ("A", zone.short_name if zone else ""),
            ("B", article.source),
            ("B", article.author),
            ("B", article.summary),
            ("C", html_to_text(article.body)),
        ]
    )


class SearchDocumentField(SearchVectorField):
    """A search document kept by the database row itself: ``builder`` (a dotted path to a
    function of the instance) rebuilds it whenever the row is written, by ``save()`` or
    ``bulk_create()``. A ``tsvector`` on PostgreSQL, text elsewhere.
    """

    def __init__(self, *args, builder: str, **kwargs):
        self.builder = builder
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["builder"] = self.builder
        for option in ("null", "blank", "editable"):
            kwargs.pop(option, None)
        return name, path, args, kwargs

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def build(self, instance) -> SearchDocument:
        builder: Callable = import_string(self.builder)
        return builder(instance)

    def pre_save(self, model_instance, add):
        document = self.build(model_instance)
        setattr(model_instance, self.attname, document)
        return document

    def get_db_prep_value(self, value, connection, prepared=False):
        if isinstance(value, SearchDocument):
            return value.as_tsvector() if connection.vendor == "postgresql" else value.as_text()
        return value

    def get_placeholder(self, value, compiler, connection):
        return "%s::tsvector" if connection.vendor == "postgresql" else "%s"


class SearchDocumentIndex(GinIndex):
    """The GIN index over the search document, on PostgreSQL. SQLite has no GIN and its
    search scans the text, so there the index is a no-op statement.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- GIN index {self.name}: PostgreSQL only"
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- GIN index {self.name}: PostgreSQL only"
        return super().remove_sql(model, schema_editor, **kwargs)


def rebuild_search_documents(queryset, *, batch_size: int = 500, progress=None) -> int:
    """Rebuild the stored search documents of ``queryset``'s articles, in batches; for the
    paths that write rows without ``save()`` (``QuerySet.update()``, raw SQL, fixtures).
    ``progress(done, total)`` is called after each batch. Returns the number rebuilt.
    """
    model = queryset.model
    search_field = model._meta.get_field("search_document")
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    fields = ["id", "title", "summary", "body", "source", "author", "zone_id"]
    for start in range(0, len(ids), batch_size):
        batch = list(
            model._base_manager.filter(pk__in=ids[start : start + batch_size])
            .select_related("zone")
            .only(*fields, "zone__name", "zone__short_name")
        )
        for article in batch:
            article.search_document = search_field.build(article)
        model._base_manager.bulk_update(batch, ["search_document"])
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    return len(ids)
