"""Finding the organizations an imported row may describe, across all tenants."""

from __future__ import annotations

from collections.abc import Collection

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from services.registry.domain.organization.organization import Organization
from services.registry.repository.documents import from_document
from shared.mongo import Document

__all__ = ["OrganizationMatcher"]


class OrganizationMatcher:
    """Reads across tenants by design: a number identifies an organization platform-wide.

    Lookups are by `_id` or one equality each: NX-27017 answers `$in` or `$or` on any
    other field by scanning the collection in Python, which a 100,000-row import cannot afford.
    """

    collection_name = "organizations"
    indexes = (IndexModel([("regon", ASCENDING)], name="regon"),)

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._organizations = database[self.collection_name]

    async def get_many(self, organization_ids: Collection[str]) -> list[Organization]:
        """Return the organizations with these ids."""
        if not organization_ids:
            return []
        cursor = self._organizations.find({"_id": {"$in": sorted(organization_ids)}})
        return [from_document(d) for d in await cursor.to_list()]

    async def ids_by_regon(self, regons: Collection[str]) -> set[str]:
        """Return the ids of organizations holding any of these REGON numbers."""
        found = [
            await self._organizations.find_one({"regon": regon}, projection={"_id": 1})
            for regon in sorted(set(regons))
        ]
        return {document["_id"] for document in found if document}
