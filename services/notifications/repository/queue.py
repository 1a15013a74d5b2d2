"""Queues of due work (e-mails, webhook calls, timers) that every replica may claim from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from pymongo import ASCENDING, IndexModel, ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from shared.mongo import Document

__all__ = ["QUEUED", "WorkQueue"]

QUEUED = "queued"


class WorkQueue:
    """Claims due documents across tenants, like the outbox relay: its index leads with state.

    A claim pushes `due_at` past the claim period and counts the attempt, in one atomic
    update; a worker that dies mid-way leaves the document due again when the period ends.
    The attempt number fences late writers: only the current attempt may record an outcome.
    """

    collection_name: ClassVar[str]
    indexes: ClassVar[Sequence[IndexModel]] = (
        IndexModel([("state", ASCENDING), ("due_at", ASCENDING)], name="due"),
    )

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._collection: AsyncCollection[Document] = database[self.collection_name]

    async def claim(
        self, *, now: float, claim_seconds: float, skip_tenants: Sequence[str] = ()
    ) -> Document | None:
        """Take the most overdue queued document, if any, of a tenant not skipped."""
        query: dict[str, Any] = {"state": QUEUED, "due_at": {"$lte": now}}
        if skip_tenants:
            query["tenant_id"] = {"$nin": list(skip_tenants)}
        return await self._collection.find_one_and_update(
            query,
            {"$set": {"due_at": now + claim_seconds}, "$inc": {"attempts": 1}},
            sort=[("due_at", ASCENDING)],
            return_document=ReturnDocument.AFTER,
        )

    async def settle(self, document_id: str, attempt: int, changes: Mapping[str, Any]) -> bool:
        """Record the outcome of an attempt, unless a later attempt has begun."""
        result = await self._collection.update_one(
            {"_id": document_id, "attempts": attempt, "state": QUEUED}, {"$set": dict(changes)}
        )
        return result.modified_count == 1

    async def due(self, now: float) -> int:
        """Return how many documents wait and are due."""
        return await self._collection.count_documents({"state": QUEUED, "due_at": {"$lte": now}})
