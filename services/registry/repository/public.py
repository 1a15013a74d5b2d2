"""The public NGO database: verified organizations, public fields only, for anyone to read."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from services.registry.domain.public_query import PublicQuery
from shared.mongo import Document

__all__ = ["PUBLIC_PROFILE_FIELDS", "PublicDirectory", "PublicQuery"]

# Inclusion lists, so that a field added later stays private until named here.
_PUBLIC_TOP = ("_id", "status", "registered_at", "listed_in", "name_key", "recent_key")
PUBLIC_PROFILE_FIELDS = (
    "name", "short_name", "legal_form", "krs", "nip", "regon", "public_benefit_status",
    "address", "public_email", "public_phone", "website", "public_benefit_areas",
    "target_groups", "social_services", "scope", "description", "declarations",
)  # fmt: skip
# NX-27017 ignores projections of nested fields, so the profile is filtered here as well.
_PROJECTION = {**{name: 1 for name in _PUBLIC_TOP}, "profile": 1}
_SORTS = {"name": ("name_key", ASCENDING), "-registered_at": ("recent_key", DESCENDING)}


class PublicDirectory:
    """Reads across all tenants by design: this is the public register, never private data."""

    collection_name = "organizations"
    indexes = (
        IndexModel([("verified", ASCENDING), ("name_key", ASCENDING)], name="public_name"),
        IndexModel([("verified", ASCENDING), ("recent_key", DESCENDING)], name="public_recent"),
    )

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._organizations = database[self.collection_name]

    async def search(self, query: PublicQuery) -> list[Document]:
        """Return one page of matching organizations, public fields only."""
        key, direction = _SORTS[query.sort or "name"]
        conditions = _conditions(query)
        if query.after:
            conditions.append({key: {"$gt" if direction == ASCENDING else "$lt": query.after}})
        cursor = self._organizations.find({"$and": conditions}, projection=_PROJECTION)
        return [_public(d) for d in await cursor.sort(key, direction).limit(query.limit).to_list()]

    async def stream(self, query: PublicQuery, batch: int = 500) -> AsyncIterator[Document]:
        """Yield every matching organization in `_id` order, from one cursor."""
        # One cursor, not a range of `_id` per page: NX-27017 filters and sorts the whole
        # register in Python for every such range, so pages would cost one scan each.
        cursor = self._organizations.find(
            {"$and": _conditions(query)}, projection=_PROJECTION, batch_size=batch
        )
        async for document in cursor.sort("_id", ASCENDING):
            yield _public(document)

    async def record(self, organization_id: str) -> Document | None:
        """Return an organization's public record if it is verified (one `_id` lookup)."""
        document = await self._organizations.find_one({"_id": organization_id})
        return _public(document) if document and document.get("verified") else None

    async def records(self, organization_ids: list[str]) -> dict[str, Document]:
        """Return the public records of those organizations that are verified, by id."""
        cursor = self._organizations.find({"_id": {"$in": organization_ids}})
        return {d["_id"]: _public(d) for d in await cursor.to_list() if d.get("verified")}

    async def every(self, batch: int = 1000) -> AsyncIterator[Document]:
        """Yield every verified organization's public record, in one cursor."""
        # One cursor, not pages by `_id` ranges: NX-27017 reads and sorts the whole collection
        # in Python for each range of `_id`; `verified` is checked here, not in the query.
        async for document in self._organizations.find({}, batch_size=batch):
            if document.get("verified"):
                yield _public(document)

    async def get(self, organization_id: str) -> Document | None:
        """Return one verified organization's public record."""
        document = await self._organizations.find_one(
            {"_id": organization_id, "verified": True}, projection=_PROJECTION
        )
        return _public(document) if document else None


def _public(document: Document) -> Document:
    profile = document.get("profile") or {}
    public = {name: document[name] for name in _PUBLIC_TOP if name in document}
    public["profile"] = {name: profile[name] for name in PUBLIC_PROFILE_FIELDS if name in profile}
    return public


def _conditions(query: PublicQuery) -> list[dict[str, Any]]:
    conditions: list[dict[str, Any]] = [{"verified": True}]
    if query.text:
        conditions.append({"search": {"$regex": re.escape(query.text.strip().lower())}})
    if query.municipality:
        conditions.append(
            {
                "$or": [
                    {"listed_in": query.municipality},
                    {"municipality_teryt": query.municipality},
                ]
            }
        )
    equal = {
        "profile.public_benefit_areas": query.area,
        "profile.legal_form": query.legal_form,
        "profile.scope": query.scope,
        "status": query.status,
        "profile.public_benefit_status": query.public_benefit_status,
    }
    conditions.extend({name: value} for name, value in equal.items() if value is not None)
    return conditions
