"""E-mails waiting to go out or sent: one document per (notice, recipient), keyed by both."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.repository.queue import WorkQueue
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["EmailLog", "EmailQueue"]


class EmailQueue(WorkQueue):
    """E-mails due to be sent, claimed by any replica's sender."""

    collection_name = "email_deliveries"


class EmailLog(TenantRepository):
    """E-mails of a tenant: enqueued with the notice in one transaction, read for audits."""

    collection_name = "email_deliveries"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("created_at", ASCENDING)], name="tenant_created"),
        IndexModel(
            [("tenant_id", ASCENDING), ("state", ASCENDING), ("created_at", DESCENDING)],
            name="tenant_state_created",
        ),
    )

    async def enqueue(self, documents: Sequence[Document], session: AsyncClientSession) -> None:
        """Add e-mails; each `_id` is its delivery key, so an e-mail cannot be queued twice."""
        if documents:
            await self._collection.insert_many(list(documents), ordered=True, session=session)

    async def enqueue_once(self, document: Document, session: AsyncClientSession) -> bool:
        """Add one e-mail unless its key is taken; return whether it was added."""
        result = await self._collection.update_one(
            {"_id": document["_id"], "tenant_id": document["tenant_id"]},
            {"$setOnInsert": document},
            upsert=True,
            session=session,
        )
        return result.upserted_id is not None

    async def of_tenant(self, tenant: TenantContext, *, limit: int = 100) -> list[dict[str, Any]]:
        """Return a tenant's e-mails, oldest first."""
        return await self._find(tenant, {}, sort=[("created_at", ASCENDING)], limit=limit)

    async def newest(
        self, tenant: TenantContext, *, state: str | None, limit: int
    ) -> list[dict[str, Any]]:
        """Return a tenant's newest e-mails, in one state or any."""
        query = {"state": state} if state else {}
        return await self._find(tenant, query, sort=[("created_at", DESCENDING)], limit=limit)
