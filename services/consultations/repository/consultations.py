"""Consultations of municipalities: the officers' drafts and what the public sees."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter
from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.consultations.domain.consultation.consultation import (
    Consultation,
    ConsultationState,
)
from shared.aggregates import AggregateRepository
from shared.mongo import Document
from shared.tenancy import TenantContext

__all__ = ["ALL_OF_ONE", "ConsultationRepository"]

PUBLIC_STATES = [
    ConsultationState.OPEN.value,
    ConsultationState.CLOSED.value,
    ConsultationState.REPORT_PUBLISHED.value,
]
# A consultation gathers at most a few hundred comments; the bound only guards memory.
ALL_OF_ONE = 10_000


class ConsultationRepository(AggregateRepository[Consultation]):
    """Consultations of a municipality; the public sees them once opened."""

    collection_name = "consultations"
    adapter = TypeAdapter(Consultation)
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("drafted_at", DESCENDING)], name="recent"),
        IndexModel(
            [("tenant_id", ASCENDING), ("state", ASCENDING), ("ends_at", ASCENDING)], name="due"
        ),
    )

    def query_fields(self, aggregate: Consultation) -> Document:
        """Return the state and dates lists and the closing job filter on."""
        return {
            "state": aggregate.state.value,
            "drafted_at": aggregate.drafted_at,
            "starts_at": aggregate.terms.starts_at,
            "ends_at": aggregate.terms.ends_at,
        }

    async def list_visible(
        self, tenant: TenantContext, *, state: ConsultationState | None, limit: int
    ) -> list[Consultation]:
        """Return the tenant's consultations and the opened ones it reads, newest first."""
        query: dict[str, Any] = {
            # A municipality's drafts are its own business, even for its support centre.
            "$or": [{"tenant_id": tenant.tenant_id}, {"state": {"$in": PUBLIC_STATES}}]
        }
        if state:
            query["state"] = state.value
        return await self._load_many(
            self._visible(tenant, query), sort=[("drafted_at", DESCENDING)], limit=limit
        )

    async def list_public(
        self, tenant: TenantContext, *, state: ConsultationState | None, limit: int
    ) -> list[Consultation]:
        """Return a municipality's opened consultations, newest first (never drafts)."""
        states = [state.value] if state else PUBLIC_STATES
        query = self._scoped(tenant, {"state": {"$in": states}})
        return await self._load_many(query, sort=[("drafted_at", DESCENDING)], limit=limit)

    async def get_public(self, tenant: TenantContext, consultation_id: str) -> Consultation | None:
        """Return a municipality's consultation if it was opened."""
        query = self._scoped(tenant, {"_id": consultation_id, "state": {"$in": PUBLIC_STATES}})
        document = await self._collection.find_one(query)
        return self.load(document) if document else None

    async def get_announced(
        self, consultation_id: str, session: AsyncClientSession | None = None
    ) -> Consultation | None:
        """Return an opened consultation of any municipality: public, and NGOs act anywhere."""
        query = {"_id": consultation_id, "state": {"$in": PUBLIC_STATES}}
        document = await self._collection.find_one(query, session=session)
        return self.load(document) if document else None

    async def every_public(self) -> AsyncIterator[Consultation]:
        """Yield every tenant's opened consultations (to rebuild the search)."""
        async for document in self._collection.find({"state": {"$in": PUBLIC_STATES}}):
            yield self.load(document)

    async def due_to_close(self, now: datetime, *, limit: int) -> list[tuple[str, str]]:
        """Return (tenant id, consultation id) of open consultations past their end.

        The closing job works for every municipality, so this one read spans tenants; each
        consultation is then loaded and saved within its own tenant.
        """
        cursor = self._collection.find(
            {"state": ConsultationState.OPEN.value, "ends_at": {"$lte": now}}
        ).sort([("ends_at", ASCENDING)])
        return [(d["tenant_id"], d["_id"]) for d in await cursor.limit(limit).to_list()]
