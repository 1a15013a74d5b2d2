"""What consultations knows of other services' data: tenants and organization names."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.consultations.domain.directory import TenantRecord
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["OrganizationNames", "TenantDirectory", "TenantRecord"]


class TenantDirectory:
    """Tenants by id, each its own tenant-scoped record (kept from registry events)."""

    collection_name = "tenant_directory"

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._tenants = database[self.collection_name]

    async def put(self, record: TenantRecord, session: AsyncClientSession) -> None:
        """Store a tenant as last announced."""
        document = {
            "_id": record.tenant_id,
            "tenant_id": record.tenant_id,
            "name": record.name,
            "kind": record.kind,
            "member_ids": list(record.member_ids),
        }
        await self._tenants.replace_one(
            {"_id": record.tenant_id, "tenant_id": record.tenant_id},
            document,
            upsert=True,
            session=session,
        )

    async def get(self, tenant_id: str) -> TenantRecord | None:
        """Return one tenant, if announced."""
        document = await self._tenants.find_one({"_id": tenant_id, "tenant_id": tenant_id})
        if document is None:
            return None
        return TenantRecord(
            document["_id"], document["name"], document["kind"], tuple(document["member_ids"])
        )

    async def names(self, tenant_ids: Iterable[str]) -> dict[str, str]:
        """Return the names of the given tenants that were announced."""
        ids = sorted(set(tenant_ids))
        cursor = self._tenants.find({"_id": {"$in": ids}, "tenant_id": {"$in": ids}})
        return {d["_id"]: d["name"] for d in await cursor.to_list()}


class OrganizationNames(TenantRepository):
    """Public names of organizations, each under its home tenant (kept from registry events)."""

    collection_name = "organization_names"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("name", ASCENDING)], name="home_name"),)

    async def put(
        self,
        home: TenantContext,
        organization_id: str,
        name: str,
        at: datetime,
        session: AsyncClientSession,
    ) -> None:
        """Store an organization's name as the registry last published it."""
        document = self._scoped(home, {"_id": organization_id, "name": name, "changed_at": at})
        await self._collection.replace_one(
            {"_id": organization_id, "tenant_id": home.tenant_id},
            document,
            upsert=True,
            session=session,
        )

    async def names(self, organization_ids: Iterable[str]) -> dict[str, str]:
        """Return the names of the given organizations, whatever their home (public data)."""
        ids = sorted(set(organization_ids))
        if not ids:
            return {}
        cursor = self._collection.find({"_id": {"$in": ids}})
        return {d["_id"]: d["name"] for d in await cursor.to_list()}
