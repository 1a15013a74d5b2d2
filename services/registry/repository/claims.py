"""Platform-wide claims on KRS and NIP numbers, so that no organization exists twice."""

from __future__ import annotations

from collections.abc import Collection

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.registry.domain.organization import Organization
from shared.errors import Conflict, Text
from shared.mongo import Document

__all__ = ["UNIQUE_IDENTIFIERS", "IdentifierClaims"]

UNIQUE_IDENTIFIERS = ("krs", "nip")


class IdentifierClaims:
    """One document per claimed number; its `_id` makes a second claim fail in the transaction.

    Deliberately not tenant-scoped: uniqueness holds across the whole platform.
    """

    collection_name = "identifier_claims"

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._claims = database[self.collection_name]

    @staticmethod
    def _claim_ids(organization: Organization) -> dict[str, str]:
        profile = organization.profile
        values = {"krs": profile.krs, "nip": profile.nip}
        return {name: f"{name}:{value}" for name, value in values.items() if value}

    async def claim(self, organization: Organization, session: AsyncClientSession) -> None:
        """Claim the organization's numbers, or raise 409 naming the holder."""
        for name, claim_id in self._claim_ids(organization).items():
            holder = await self._claims.find_one({"_id": claim_id}, session=session)
            if holder and holder["organization_id"] != organization.id:
                raise _duplicate(name, holder)
            if holder is None:
                try:
                    await self._claims.insert_one(
                        {
                            "_id": claim_id,
                            "organization_id": organization.id,
                            "name": organization.profile.name,
                        },
                        session=session,
                    )
                except DuplicateKeyError:
                    holder = await self._claims.find_one({"_id": claim_id})
                    raise _duplicate(name, holder or {}) from None

    async def holders(self, numbers: dict[str, Collection[str]]) -> dict[str, str]:
        """Return `kind:number` → id of the organization that claimed it, for these numbers."""
        claim_ids = sorted(
            f"{name}:{value}" for name, values in numbers.items() for value in values
        )
        if not claim_ids:
            return {}
        cursor = self._claims.find({"_id": {"$in": claim_ids}}, projection={"organization_id": 1})
        return {document["_id"]: document["organization_id"] async for document in cursor}

    async def claim_new(
        self, organizations: list[Organization], session: AsyncClientSession
    ) -> None:
        """Claim the numbers of organizations that were just created (bulk import)."""
        documents = [
            {"_id": claim_id, "organization_id": o.id, "name": o.profile.name}
            for o in organizations
            for claim_id in self._claim_ids(o).values()
        ]
        if documents:
            await self._claims.insert_many(documents, session=session)

    async def release_stale(self, organization: Organization, session: AsyncClientSession) -> None:
        """Drop claims on numbers the organization no longer carries."""
        current = set(self._claim_ids(organization).values())
        await self._claims.delete_many(
            {"organization_id": organization.id, "_id": {"$nin": sorted(current)}},
            session=session,
        )


def _duplicate(field: str, holder: Document) -> Conflict:
    label = field.upper()
    error = Conflict(
        detail=Text(
            f"Organizacja o tym numerze {label} już istnieje: {holder.get('name', '?')}.",
            f"An organization with this {label} already exists: {holder.get('name', '?')}.",
        ),
        extra={
            "field": field,
            "existing_organization": {
                "id": holder.get("organization_id"),
                "name": holder.get("name"),
            },
        },
    )
    return error
