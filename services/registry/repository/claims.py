"""Platform-wide claims on KRS and NIP numbers, so that no organization exists twice."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.registry.domain.organization.organization import Organization
from shared.errors import Conflict, Text
from shared.mongo import Document

__all__ = ["UNIQUE_IDENTIFIERS", "IdentifierClaims", "IdentifierTaken", "duplicate_number"]

UNIQUE_IDENTIFIERS = ("krs", "nip")


@dataclass
class IdentifierTaken(Exception):
    """A verified organization already holds the number."""

    field: str
    holder_id: str
    holder_name: str
    holder_tenant_id: str


class IdentifierClaims:
    """One document per number a verified organization holds; its `_id` makes it unique.

    Deliberately not tenant-scoped: uniqueness holds across the whole platform. Only verified
    organizations claim, so an unverified self-registration can never block the real one.
    """

    collection_name = "identifier_claims"

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._claims = database[self.collection_name]
        self._organizations = database["organizations"]

    @staticmethod
    def _claim_ids(organization: Organization) -> dict[str, str]:
        profile = organization.profile
        values = {"krs": profile.krs, "nip": profile.nip}
        return {name: f"{name}:{value}" for name, value in values.items() if value}

    async def claim(self, organization: Organization, session: AsyncClientSession) -> None:
        """Claim a verified organization's numbers (check an unverified one's), else raise."""
        free = []
        for name, claim_id in self._claim_ids(organization).items():
            holder = await self._claims.find_one({"_id": claim_id}, session=session)
            if holder is None or holder["organization_id"] == organization.id:
                free.append((claim_id, holder is None))
                continue
            owner = await self._organizations.find_one(
                {"_id": holder["organization_id"]}, session=session
            )
            if owner is not None and owner.get("verified"):
                raise _taken(name, owner)
            # A claim left by an unverified registration (before only verified ones claimed).
            await self._claims.delete_one({"_id": claim_id}, session=session)
            free.append((claim_id, True))
        if organization.verified:
            for claim_id, new in free:
                if new:
                    await self._insert(organization, claim_id, session)

    async def _insert(
        self, organization: Organization, claim_id: str, session: AsyncClientSession
    ) -> None:
        document = {
            "_id": claim_id,
            "organization_id": organization.id,
            "name": organization.profile.name,
        }
        try:
            await self._claims.insert_one(document, session=session)
        except DuplicateKeyError:
            holder = await self._claims.find_one({"_id": claim_id}) or {}
            owner = await self._organizations.find_one({"_id": holder.get("organization_id")})
            raise _taken(claim_id.split(":")[0], owner or {}) from None

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
        """Claim the numbers of verified organizations that were just created (bulk import)."""
        documents = [
            {"_id": claim_id, "organization_id": o.id, "name": o.profile.name}
            for o in organizations
            if o.verified
            for claim_id in self._claim_ids(o).values()
        ]
        if documents:
            await self._claims.insert_many(documents, session=session)

    async def release_all(self, organization: Organization, session: AsyncClientSession) -> None:
        """Drop every claim the organization holds on its current numbers."""
        for claim_id in self._claim_ids(organization).values():
            await self._claims.delete_one(
                {"_id": claim_id, "organization_id": organization.id}, session=session
            )

    async def release_stale(self, organization: Organization, session: AsyncClientSession) -> None:
        """Drop claims on numbers the organization no longer carries."""
        current = set(self._claim_ids(organization).values())
        await self._claims.delete_many(
            {"organization_id": organization.id, "_id": {"$nin": sorted(current)}},
            session=session,
        )


def _taken(field: str, owner: Document) -> IdentifierTaken:
    return IdentifierTaken(
        field=field,
        holder_id=str(owner.get("_id", "")),
        holder_name=str((owner.get("profile") or {}).get("name", "")),
        holder_tenant_id=str(owner.get("tenant_id", "")),
    )


def duplicate_number(taken: IdentifierTaken, *, reveal: bool) -> Conflict:
    """Return the 409 for a taken number; it names the holder only when `reveal` allows."""
    label = taken.field.upper()
    if not reveal:
        return Conflict(
            detail=Text(
                f"Numer {label} ma już zweryfikowana organizacja.",
                f"A verified organization already holds this {label}.",
            ),
            extra={"field": taken.field},
        )
    return Conflict(
        detail=Text(
            f"Organizacja o tym numerze {label} już istnieje: {taken.holder_name}.",
            f"An organization with this {label} already exists: {taken.holder_name}.",
        ),
        extra={
            "field": taken.field,
            "existing_organization": {"id": taken.holder_id, "name": taken.holder_name},
        },
    )
