"""The public search's read model: a tantivy index of verified, not deregistered organizations."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import tantivy

from services.registry.search.analysis import forms, index_terms, words
from services.registry.search.highlight import highlight
from shared.mongo import Document

__all__ = ["FACETS", "SearchIndex", "SearchPage"]

# Facet name in the answer -> indexed field.
FACETS = {
    "municipality": "municipality",
    "area": "area",
    "legal_form": "legal_form",
    "opp": "opp",
}
_FILTERS = ("municipality", "area", "legal_form", "scope", "status", "opp")
OFFSET_MARK = "@"  # a cursor of the engine: `@<offset>` NUL `<sort>`


@dataclass(frozen=True)
class SearchPage:
    """One page of the engine's answer."""

    items: list[Document]
    next_after: str | None
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    highlights: dict[str, dict[str, str]] = field(default_factory=dict)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("name_terms")
    builder.add_text_field("body_terms")
    for name in _FILTERS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    builder.add_text_field("name_key", fast=True, tokenizer_name="raw")
    builder.add_integer_field("recent", fast=True, indexed=True)
    builder.add_text_field("record", stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _filter_values(document: Document) -> dict[str, list[str]]:
    profile = document["profile"]
    home = (profile.get("address") or {}).get("municipality_teryt")
    municipalities = sorted({*document.get("listed_in", []), *([home] if home else [])})
    return {
        "municipality": municipalities,
        "area": list(profile.get("public_benefit_areas") or []),
        "legal_form": [profile["legal_form"]],
        "scope": [profile["scope"]] if profile.get("scope") else [],
        "status": [document["status"]],
        "opp": ["true" if profile.get("public_benefit_status") else "false"],
    }


class SearchIndex:
    """An in-memory index; every write is applied by one projector, reads by anyone."""

    def __init__(self) -> None:
        self.schema = _schema()
        self._index = tantivy.Index(self.schema)
        self._writer = self._index.writer(heap_size=50_000_000, num_threads=1)
        self._lock = threading.Lock()
        self.ready = False

    def put(self, document: Document) -> None:
        """Index a public record, replacing its earlier version; drop a deregistered one."""
        self.remove(document["_id"])
        if document["status"] == "deregistered":
            return
        profile = document["profile"]
        body = " ".join(p for p in (profile.get("short_name"), profile.get("description")) if p)
        entry = tantivy.Document(
            id=document["_id"],
            name_terms=index_terms(profile.get("name") or ""),
            body_terms=index_terms(body),
            name_key=document["name_key"],
            recent=int(document["registered_at"].timestamp() * 1_000_000),
            record=json.dumps(document, default=datetime.isoformat, ensure_ascii=False),
        )
        for name, values in _filter_values(document).items():
            for value in values:
                entry.add_text(name, value)
        self._writer.add_document(entry)

    def remove(self, organization_id: str) -> None:
        """Forget an organization."""
        self._writer.delete_documents_by_term("id", organization_id)

    def clear(self) -> None:
        """Forget every organization (before a rebuild)."""
        self._writer.delete_all_documents()

    def commit(self) -> None:
        """Make the writes so far visible to searches."""
        with self._lock:
            self._writer.commit()
            self._index.reload()

    def count(self) -> int:
        """Return how many organizations are searchable."""
        return int(self._index.searcher().num_docs)

    def search(
        self, text: str | None, filters: dict[str, Any], sort: str | None, offset: int, limit: int
    ) -> SearchPage:
        """Return a page of matches with facet counts and highlighted words."""
        if sort is None and not text:
            sort = "name"  # no relevance without words: the register's own order
        query = self._query(text, filters)
        searcher = self._index.searcher()
        order: dict[str, Any] = {}
        if sort == "name":
            order = {"order_by_field": "name_key", "order": tantivy.Order.Asc}
        elif sort == "-registered_at":
            order = {"order_by_field": "recent", "order": tantivy.Order.Desc}
        hits = searcher.search(query, limit, count=False, offset=offset, **order).hits
        items = [self._record(searcher.doc(address)) for _, address in hits]
        next_after = f"{OFFSET_MARK}{offset + limit}\x00{sort}" if len(items) == limit else None
        marks = {d["_id"]: highlight(d["profile"], text) for d in items} if text else {}
        return SearchPage(items, next_after, self._facets(searcher, query), marks)

    def _query(self, text: str | None, filters: dict[str, Any]) -> tantivy.Query:
        clauses = [
            (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, name, str(value).lower()))
            for name, value in filters.items()
            if value is not None
        ]
        typed = words(text or "")
        for position, word in enumerate(typed):
            last = position == len(typed) - 1
            clauses.append((tantivy.Occur.Must, self._word(word, as_prefix=last)))
        if not clauses:
            return tantivy.Query.all_query()
        return tantivy.Query.boolean_query(clauses)

    def _word(self, word: str, *, as_prefix: bool) -> tantivy.Query:
        """Match one typed word: exactly, by lemma, as a prefix, or with one typo."""
        should = tantivy.Occur.Should
        alternatives = []
        surface = forms(word)[0]
        for name, weight in (("name_terms", 3.0), ("body_terms", 1.0)):
            for form in forms(word):
                exact = tantivy.Query.term_query(self.schema, name, form)
                alternatives.append((should, tantivy.Query.boost_query(exact, weight)))
            if as_prefix and len(surface) >= 2:
                begun = tantivy.Query.fuzzy_term_query(self.schema, name, surface, 0, prefix=True)
                alternatives.append((should, tantivy.Query.boost_query(begun, weight * 0.6)))
            if len(surface) >= 5:
                typo = tantivy.Query.fuzzy_term_query(self.schema, name, surface, 1)
                alternatives.append((should, tantivy.Query.boost_query(typo, weight * 0.4)))
        return tantivy.Query.boolean_query(alternatives)

    def _facets(
        self, searcher: tantivy.Searcher, query: tantivy.Query
    ) -> dict[str, dict[str, int]]:
        request = {name: {"terms": {"field": f, "size": 100}} for name, f in FACETS.items()}
        answer = searcher.aggregate(query, request)
        return {
            name: {b["key"]: int(b["doc_count"]) for b in answer[name]["buckets"]}
            for name in FACETS
        }

    @staticmethod
    def _record(entry: tantivy.Document) -> Document:
        record: Document = json.loads(str(entry.get_first("record")))
        record["registered_at"] = datetime.fromisoformat(record["registered_at"])
        return record
