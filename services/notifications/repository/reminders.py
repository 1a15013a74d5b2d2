"""Durable timers, each under a unique key, claimed once when due."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.notice import notice_from_dict, notice_to_dict
from services.notifications.domain.reminders import Reminder, ReminderState
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["ReminderBook", "ReminderClock"]

_PENDING = ReminderState.PENDING.value


class ReminderBook(TenantRepository):
    """A tenant's timers: set once per key, cancelled while pending."""

    collection_name = "reminders"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("subject_id", ASCENDING)], name="tenant_subject"),
    )

    async def set(self, reminder: Reminder, session: AsyncClientSession) -> None:
        """Set a timer unless one with its key exists (a replayed event sets none)."""
        document: Document = {
            "tenant_id": reminder.tenant_id,
            "key": reminder.key,
            "subject_id": reminder.subject_id,
            "due_at": reminder.due_at.timestamp(),
            "state": _PENDING,
            "notice": notice_to_dict(reminder.notice),
        }
        await self._collection.update_one(
            {"_id": f"{reminder.tenant_id}|{reminder.key}", "tenant_id": reminder.tenant_id},
            {"$setOnInsert": document},
            upsert=True,
            session=session,
        )

    async def cancel_for(
        self, tenant: TenantContext, subject_id: str, session: AsyncClientSession
    ) -> int:
        """Cancel the pending timers about an aggregate (a competition, an agreement…)."""
        result = await self._collection.update_many(
            self._scoped(tenant, {"subject_id": subject_id, "state": _PENDING}),
            {"$set": {"state": ReminderState.CANCELLED.value}},
            session=session,
        )
        return result.modified_count

    async def claim(
        self, tenant: TenantContext, key: str, *, now: float, session: AsyncClientSession
    ) -> bool:
        """Mark a pending timer fired; False if another replica or run fired or cancelled it."""
        return await self._update_one(
            tenant,
            {"_id": f"{tenant.tenant_id}|{key}", "state": _PENDING},
            {"$set": {"state": ReminderState.FIRED.value, "fired_at": now}},
            session,
        )

    async def of_subject(self, tenant: TenantContext, subject_id: str) -> list[dict[str, Any]]:
        """Return the timers about an aggregate (operations and tests)."""
        return await self._find(tenant, {"subject_id": subject_id})


class ReminderClock:
    """Finds due timers across tenants (the timer job's scan; its index leads with state)."""

    collection_name = "reminders"
    indexes = (IndexModel([("state", ASCENDING), ("due_at", ASCENDING)], name="due"),)

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._collection = database[self.collection_name]

    async def due(self, now: float, *, limit: int) -> list[Reminder]:
        """Return pending timers due at `now`, earliest first."""
        documents = (
            await self._collection.find({"state": _PENDING, "due_at": {"$lte": now}})
            .sort([("due_at", ASCENDING)])
            .limit(limit)
            .to_list()
        )
        return [_reminder(d) for d in documents]


def _reminder(document: dict[str, Any]) -> Reminder:
    return Reminder(
        key=document["key"],
        tenant_id=document["tenant_id"],
        subject_id=document["subject_id"],
        due_at=datetime.fromtimestamp(document["due_at"], UTC),
        notice=notice_from_dict(document["notice"]),
    )
