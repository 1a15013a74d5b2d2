"""A per-tenant index of titled records (competitions, consultations): ranked ids and marks."""

from __future__ import annotations

from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Collection,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, field
from typing import TypeVar

import tantivy

from shared.search.analysis import fold, index_terms, words
from shared.search.engine import MemoryIndex
from shared.search.highlight import highlight
from shared.search.projector import IndexFollower
from shared.search.query import text_clauses
from shared.settings import ServiceSettings

__all__ = ["Hit", "RecordIndex", "SearchRecord", "record_follower"]

A = TypeVar("A")

_MOST = 1000  # more matches than a municipality has open records of one kind


@dataclass(frozen=True)
class SearchRecord:
    """What the public may find of one record: its text fields by name."""

    id: str
    tenant_id: str
    fields: Mapping[str, str]


@dataclass(frozen=True)
class Hit:
    """One match, best first: its id and its fields as escaped HTML with <mark>ed words."""

    id: str
    highlights: dict[str, str] = field(default_factory=dict)


class RecordIndex(MemoryIndex):
    """Records of every tenant; a search reads one tenant's only."""

    def __init__(self, weights: Mapping[str, float], *, clipped: Collection[str]) -> None:
        # `weights`: field name -> boost; `clipped`: long fields cut around their matches.
        self._weights = {f"{name}_terms": weight for name, weight in weights.items()}
        self._names = tuple(weights)
        self._clipped = clipped
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("tenant_id", tokenizer_name="raw")
        for name in self._names:
            builder.add_text_field(f"{name}_terms")
            builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
        super().__init__(builder.build())

    def put(self, record: SearchRecord) -> None:
        """Index a record, replacing its earlier version."""
        entry = tantivy.Document(id=record.id, tenant_id=record.tenant_id)
        for name in self._names:
            value = record.fields.get(name) or ""
            entry.add_text(f"{name}_terms", index_terms(value))
            entry.add_text(name, value)
        self.replace(record.id, entry)

    def remove(self, record_id: str) -> None:
        """Forget a record."""
        self.replace(record_id, None)

    def search(self, tenant_id: str, text: str, limit: int) -> list[Hit]:
        """Return a tenant's best matches of `text`, best first, with their marked words."""
        words = text_clauses(self.schema, text, self._weights)
        if not words:
            return []
        tenant = tantivy.Query.term_query(self.schema, "tenant_id", tenant_id)
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, tenant), *words])
        searcher = self.searcher()
        hits = []
        for _, address in searcher.search(query, limit, count=False).hits:
            stored = searcher.doc(address)
            values = {name: stored.get_first(name) for name in self._names}
            marks = highlight(values, text, clipped=self._clipped)
            hits.append(Hit(str(stored.get_first("id")), marks))
        return hits

    def among(self, tenant_id: str, text: str, candidates: Sequence[SearchRecord]) -> list[Hit]:
        """Return the candidates that match `text`, best first, with their marked words."""
        # The store says what is public now; the index ranks. Before the first build (while
        # the dictionary loads) the candidates are matched by folded words and prefixes only.
        if not self.ready:
            return [Hit(c.id) for c in candidates if _plain_match(c, text)]
        wanted = {c.id for c in candidates}
        return [hit for hit in self.search(tenant_id, text, _MOST) if hit.id in wanted]


def _plain_match(record: SearchRecord, text: str) -> bool:
    terms = {fold(word) for word in words(" ".join(record.fields.values()))}
    typed = [fold(word) for word in words(text)]
    for position, word in enumerate(typed):
        begun = position == len(typed) - 1 and any(t.startswith(word) for t in terms)
        if not (begun or word in terms):
            return False
    return bool(typed)


def record_follower(
    settings: ServiceSettings,
    *,
    topic: str,
    name: str,
    index: RecordIndex,
    every: Callable[[], AsyncIterable[A]],
    read: Callable[[str], Awaitable[A | None]],
    searchable: Callable[[A], SearchRecord],
) -> IndexFollower[SearchRecord]:
    """Return a follower of `topic` indexing what `searchable` makes of the public aggregates."""
    # `every` and `read` return only what the public may see; anything else leaves the index.

    async def every_record() -> AsyncIterator[SearchRecord]:
        async for aggregate in every():
            yield searchable(aggregate)

    async def read_record(key: str) -> SearchRecord | None:
        found = await read(key)
        return None if found is None else searchable(found)

    return IndexFollower(settings, topic, name, index, every_record, read_record)
