"""The log of notices: what was told, once per fact, and what digests are made of."""

from __future__ import annotations

from datetime import datetime

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.notice import Notice, notice_from_dict, notice_to_dict
from shared.mongo import TenantRepository
from shared.tenancy import TenantContext

__all__ = ["NoticeLog"]

MAX_PER_PERIOD = 5_000


class NoticeLog(TenantRepository):
    """Every notice delivered, keyed by the fact it tells."""

    collection_name = "notices"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("occurred_at", ASCENDING)], name="tenant_occurred"),
    )

    async def record(self, notice: Notice, session: AsyncClientSession) -> bool:
        """Record a notice; return False if the same fact was told before."""
        document = notice_to_dict(notice)
        document["public"] = notice.rule.public
        result = await self._collection.update_one(
            {"_id": f"{notice.tenant_id}|{notice.key}", "tenant_id": notice.tenant_id},
            {"$setOnInsert": document},
            upsert=True,
            session=session,
        )
        return result.upserted_id is not None

    async def in_period(
        self, tenant: TenantContext, start: datetime, end: datetime, *, public_only: bool
    ) -> list[Notice]:
        """Return the tenant's notices of a period, oldest first."""
        query: dict[str, object] = {
            "occurred_at": {"$gte": start.timestamp(), "$lt": end.timestamp()}
        }
        if public_only:
            query["public"] = True
        documents = await self._find(
            tenant, query, sort=[("occurred_at", ASCENDING)], limit=MAX_PER_PERIOD
        )
        return [notice_from_dict(d) for d in documents]
