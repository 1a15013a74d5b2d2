"""Stores of the registry's tenants and organizations in a consuming service's own database.

Each service names its collections (subclasses set `collection_name`), so data kept before
this library stays where it is; reads default the fields older documents lack.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, ClassVar

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from shared.directory.views import KnownOrganization, KnownTenant
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext
from shared.write_behind import read_one, replace_later

__all__ = ["OrganizationStore", "TenantStore"]


class TenantStore(TenantRepository):
    """Tenants by id; a tenant's record is its own (its `tenant_id` is its id)."""

    collection_name = "tenants"
    indexes: ClassVar[Sequence[IndexModel]] = (
        IndexModel([("tenant_id", ASCENDING), ("kind", ASCENDING)], name="kind"),
    )

    async def get(self, tenant_id: str) -> KnownTenant | None:
        """Return one tenant, if the registry announced it."""
        document = await self._find_one(TenantContext(tenant_id), {"_id": tenant_id})
        return _tenant(document) if document else None

    async def names(self, tenant_ids: Iterable[str]) -> dict[str, str]:
        """Return the names of the given tenants that were announced."""
        ids = sorted(set(tenant_ids))
        if not ids:  # an empty `$in` would make NX-27017 read the whole collection
            return {}
        cursor = self._collection.find({"_id": {"$in": ids}})
        return {d["_id"]: d["name"] for d in await cursor.to_list() if d["tenant_id"] == d["_id"]}

    async def name_of(self, tenant_id: str) -> str:
        """Return a tenant's name (its id while unknown)."""
        known = await self.get(tenant_id)
        return known.name if known else tenant_id

    async def put(self, tenant: KnownTenant, session: AsyncClientSession) -> None:
        """Store a tenant as the registry last described it."""
        document = self._scoped(
            TenantContext(tenant.id),
            {
                "_id": tenant.id,
                "name": tenant.name,
                "kind": tenant.kind,
                "region": tenant.region,
                "member_ids": list(tenant.member_ids),
            },
        )
        await self._collection.replace_one(
            {"_id": tenant.id, "tenant_id": tenant.id}, document, upsert=True, session=session
        )


def _tenant(document: Document) -> KnownTenant:
    return KnownTenant(
        id=document["_id"],
        name=document["name"],
        kind=document.get("kind", ""),
        region=document.get("region"),
        member_ids=tuple(document.get("member_ids", ())),
    )


class OrganizationStore(TenantRepository):
    """Organizations by id, each under the tenant that registered it (its home)."""

    collection_name = "organizations"
    indexes: ClassVar[Sequence[IndexModel]] = (
        IndexModel([("tenant_id", ASCENDING), ("name", ASCENDING)], name="home_name"),
    )

    async def get(
        self, organization_id: str, session: AsyncClientSession | None = None
    ) -> KnownOrganization | None:
        """Return an organization, whatever its home tenant (organizations act anywhere)."""
        document = await read_one(session, self._collection, {"_id": organization_id})
        return _organization(document) if document else None

    async def names(self, organization_ids: Iterable[str]) -> dict[str, str]:
        """Return the names of the given organizations, whatever their home (public data)."""
        ids = sorted(set(organization_ids))
        if not ids:  # an empty `$in` would make NX-27017 read the whole collection
            return {}
        cursor = self._collection.find({"_id": {"$in": ids}})
        return {d["_id"]: d["name"] for d in await cursor.to_list()}

    async def put_profile(
        self,
        home: TenantContext,
        organization_id: str,
        profile: dict[str, Any],
        at: datetime,
        session: AsyncClientSession,
    ) -> None:
        """Store the organization's public profile as the registry last published it."""
        document = self._scoped(
            home,
            {
                "_id": organization_id,
                "name": profile["name"],
                "status": profile.get("status", "active"),
                "verified": bool(profile.get("verified", True)),
                "profile": profile,
                "changed_at": at,
            },
        )
        # Held to the end of the transaction: a consumer's batch upserts many in one command.
        query = {"_id": organization_id, "tenant_id": home.tenant_id}
        await replace_later(session, self._collection, query, document)

    async def put_status(
        self,
        home: TenantContext,
        organization_id: str,
        status: str,
        at: datetime,
        session: AsyncClientSession,
    ) -> bool:
        """Change the status of an organization of this home tenant; False if it is not known."""
        owned = {"_id": organization_id, "tenant_id": home.tenant_id}
        document = await read_one(session, self._collection, owned)
        if document is None:
            return False
        document.update(status=status, changed_at=at)
        document["profile"] = {**document.get("profile", {}), "status": status}
        # Whole-document replace: a `$set` of a date is stored as text on NX-27017.
        await replace_later(session, self._collection, owned, document)
        return True


def _organization(document: Document) -> KnownOrganization:
    # The top-level fields are the newest (a status change updates them first).
    profile = {
        **document.get("profile", {}),
        "name": document["name"],
        "status": document.get("status", "active"),
        "verified": document.get("verified", True),
    }
    return KnownOrganization.of_profile(document["_id"], document["tenant_id"], profile)
