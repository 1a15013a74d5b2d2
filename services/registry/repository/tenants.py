"""Tenants of the platform: platform-level records, keyed by their TERYT code."""

from __future__ import annotations

from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.registry.domain.tenant.tenant import Tenant, TenantKind
from shared.errors import Conflict, Text
from shared.mongo import Document

__all__ = ["TenantRecords"]


class TenantRecords:
    """The tenant list itself; a tenant's document is its own tenant-scoped record."""

    collection_name = "tenants"

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._tenants = database[self.collection_name]

    async def add(self, tenant: Tenant, session: AsyncClientSession) -> None:
        """Insert a tenant, or raise 409 if its code is taken."""
        try:
            await self._tenants.insert_one(_to_document(tenant), session=session)
        except DuplicateKeyError:
            raise Conflict(
                detail=Text(
                    f"Jednostka {tenant.id} już korzysta z platformy.",
                    f"Tenant {tenant.id} is already on the platform.",
                ),
                extra={"field": "id"},
            ) from None

    async def save(self, tenant: Tenant, session: AsyncClientSession) -> None:
        """Replace a tenant's record."""
        await self._tenants.replace_one(
            {"_id": tenant.id, "tenant_id": tenant.id}, _to_document(tenant), session=session
        )

    async def get(self, tenant_id: str) -> Tenant | None:
        """Return one tenant."""
        document = await self._tenants.find_one({"_id": tenant_id, "tenant_id": tenant_id})
        return _from_document(document) if document else None

    async def list(self, tenant_ids: list[str] | None = None) -> list[Tenant]:
        """Return all tenants, or those with the given ids, by id."""
        query: dict[str, Any] = {} if tenant_ids is None else {"_id": {"$in": tenant_ids}}
        cursor = self._tenants.find(query).sort("_id", 1)
        return [_from_document(d) for d in await cursor.to_list()]

    async def count(self) -> int:
        """Return how many tenants there are."""
        return await self._tenants.count_documents({})


def _to_document(tenant: Tenant) -> Document:
    return {
        "_id": tenant.id,
        "tenant_id": tenant.id,
        "name": tenant.name,
        "kind": tenant.kind.value,
        "region": tenant.region,
        "member_ids": tenant.member_ids,
        "onboarded_at": tenant.onboarded_at,
    }


def _from_document(document: Document) -> Tenant:
    return Tenant(
        id=document["_id"],
        name=document["name"],
        kind=TenantKind(document["kind"]),
        region=document["region"],
        member_ids=list(document.get("member_ids", [])),
        onboarded_at=document["onboarded_at"],
    )
