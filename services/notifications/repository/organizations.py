"""The organizations each municipality knows, with their areas of work (from registry events)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.projections import (
    OrganizationInfo,
)
from shared.mongo import TenantRepository
from shared.tenancy import TenantContext
from shared.transaction_memo import once_per_transaction
from shared.write_behind import replace_later

__all__ = ["OrganizationDirectory"]

MAX_OPEN = 500


def _moment(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


class OrganizationDirectory(TenantRepository):
    """Organizations registered or listed in each municipality, with their areas."""

    collection_name = "organizations"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("areas", ASCENDING)], name="tenant_areas"),)

    async def save(self, info: OrganizationInfo, session: AsyncClientSession) -> None:
        """Store an organization as a municipality knows it."""
        document_id = f"{info.tenant_id}|{info.organization_id}"
        document = {
            # NX-27017 does not take the _id of an upsert from the filter of replace_one.
            "_id": document_id,
            "tenant_id": info.tenant_id,
            "organization_id": info.organization_id,
            "name": info.name,
            "areas": sorted(info.areas),
        }
        # A registration comes with its listing at home: the same document, written once.
        if not once_per_transaction(session, (self.collection_name, document_id), document):
            return
        query = {"_id": document_id, "tenant_id": info.tenant_id}
        await replace_later(session, self._collection, query, document)

    async def get(
        self, tenant: TenantContext, organization_id: str, session: AsyncClientSession
    ) -> OrganizationInfo | None:
        """Return an organization known in the tenant."""
        document = await self._find_one(
            tenant, {"_id": f"{tenant.tenant_id}|{organization_id}"}, session
        )
        return _organization(document) if document else None

    async def working_in(
        self, tenant: TenantContext, areas: Iterable[str], session: AsyncClientSession
    ) -> list[str]:
        """Return the ids of the tenant's organizations working in any of the areas."""
        documents = await self._find(
            tenant, {"areas": {"$in": sorted(areas)}}, limit=10_000, session=session
        )
        return [d["organization_id"] for d in documents]

    async def areas_of(
        self,
        tenant: TenantContext,
        organization_ids: Iterable[str],
        session: AsyncClientSession | None,
    ) -> dict[str, frozenset[str]]:
        """Return the areas of some of the tenant's organizations."""
        ids = [f"{tenant.tenant_id}|{o}" for o in set(organization_ids)]
        if not ids:
            return {}
        documents = await self._find(tenant, {"_id": {"$in": ids}}, limit=len(ids), session=session)
        return {d["organization_id"]: frozenset(d.get("areas", ())) for d in documents}


def _organization(document: dict[str, Any]) -> OrganizationInfo:
    return OrganizationInfo(
        organization_id=document["organization_id"],
        tenant_id=document["tenant_id"],
        name=document["name"],
        areas=frozenset(document.get("areas", ())),
    )
