"""The public search's read model: a tantivy index of verified, not deregistered organizations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import tantivy

from shared.mongo import Document
from shared.search.analysis import index_terms
from shared.search.engine import MemoryIndex
from shared.search.highlight import highlight
from shared.search.query import text_clauses

__all__ = ["FACETS", "SearchIndex", "SearchPage"]

# Facet name in the answer -> indexed field.
FACETS = {
    "municipality": "municipality",
    "area": "area",
    "legal_form": "legal_form",
    "opp": "opp",
}
_FILTERS = ("municipality", "area", "legal_form", "scope", "status", "opp")
_WEIGHTS = {"name_terms": 3.0, "body_terms": 1.0}
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


class SearchIndex(MemoryIndex):
    """An in-memory index; every write is applied by one projector, reads by anyone."""

    def __init__(self) -> None:
        super().__init__(_schema())

    def put(self, document: Document) -> None:
        """Index a public record, replacing its earlier version; drop a deregistered one."""
        if document["status"] == "deregistered":
            self.remove(document["_id"])
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
        self.replace(document["_id"], entry)

    def remove(self, organization_id: str) -> None:
        """Forget an organization."""
        self.replace(organization_id, None)

    def search(
        self, text: str | None, filters: dict[str, Any], sort: str | None, offset: int, limit: int
    ) -> SearchPage:
        """Return a page of matches with facet counts and highlighted words."""
        if sort is None and not text:
            sort = "name"  # no relevance without words: the register's own order
        query = self._query(text, filters)
        searcher = self.searcher()
        order: dict[str, Any] = {}
        if sort == "name":
            order = {"order_by_field": "name_key", "order": tantivy.Order.Asc}
        elif sort == "-registered_at":
            order = {"order_by_field": "recent", "order": tantivy.Order.Desc}
        hits = searcher.search(query, limit, count=False, offset=offset, **order).hits
        items = [self._record(searcher.doc(address)) for _, address in hits]
        next_after = f"{OFFSET_MARK}{offset + limit}\x00{sort}" if len(items) == limit else None
        marks = {d["_id"]: _marks(d, text) for d in items} if text else {}
        return SearchPage(items, next_after, self._facets(searcher, query), marks)

    def _query(self, text: str | None, filters: dict[str, Any]) -> tantivy.Query:
        clauses = [
            (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, name, str(value).lower()))
            for name, value in filters.items()
            if value is not None
        ]
        clauses += text_clauses(self.schema, text, _WEIGHTS)
        if not clauses:
            return tantivy.Query.all_query()
        return tantivy.Query.boolean_query(clauses)

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


def _marks(document: Document, text: str | None) -> dict[str, str]:
    profile = document["profile"]
    values = {name: profile.get(name) for name in ("name", "short_name", "description")}
    return highlight(values, text, clipped={"description"})
