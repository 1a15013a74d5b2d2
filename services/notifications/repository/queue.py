"""Queues of due work (e-mails, webhook calls, timers) that every replica may claim from."""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from pymongo import ASCENDING, IndexModel, ReturnDocument, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from shared.coalesced_writes import CoalescedWrites
from shared.mongo import Document

__all__ = ["QUEUED", "WorkQueue"]

QUEUED = "queued"
_PAGE = 200  # due documents found per search
_SEARCHES = 3  # pages a claim looks through before it reports nothing due


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
        # Due documents found by the last search, (id, tenant), taken from the end.
        self._candidates: list[tuple[str, str]] = []
        self._outcomes = CoalescedWrites(self._collection)

    async def claim(
        self, *, now: float, claim_seconds: float, skip_tenants: Sequence[str] = ()
    ) -> Document | None:
        """Take a queued due document of a tenant not skipped, among the most overdue."""
        for _ in range(_SEARCHES):
            while (document_id := self._candidate(skip_tenants)) is not None:
                claimed = await self._claim_one(document_id, now, claim_seconds)
                if claimed is not None:
                    return claimed
            if not await self._search(now, skip_tenants):
                return None
        return None

    async def claim_many(self, *, now: float, claim_seconds: float, limit: int) -> list[Document]:
        """Take up to `limit` queued due documents in one update, among the most overdue."""
        # One command for several claims: on NX-27017 each command waits for all the others.
        for _ in range(_SEARCHES):
            while ids := self._candidates_up_to(limit):
                claimed = await self._claim_ids(ids, now, claim_seconds)
                if claimed:
                    return claimed
            if not await self._search(now, ()):
                return []
        return []

    def _candidates_up_to(self, limit: int) -> list[str]:
        taken, self._candidates = self._candidates[-limit:], self._candidates[:-limit]
        return [document_id for document_id, _ in taken]

    async def _claim_ids(self, ids: list[str], now: float, claim_seconds: float) -> list[Document]:
        """Claim those of `ids` still due; the claim's token tells them from other claims."""
        token = uuid.uuid4().hex
        result = await self._collection.update_many(
            {"_id": {"$in": ids}, "state": QUEUED, "due_at": {"$lte": now}},
            {"$set": {"due_at": now + claim_seconds, "claim": token}, "$inc": {"attempts": 1}},
        )
        if result.modified_count == 0:
            return []
        return await self._collection.find({"_id": {"$in": ids}, "claim": token}).to_list()

    def _candidate(self, skip_tenants: Sequence[str]) -> str | None:
        for index in range(len(self._candidates) - 1, -1, -1):
            if self._candidates[index][1] not in skip_tenants:
                return self._candidates.pop(index)[0]
        return None

    async def _search(self, now: float, skip_tenants: Sequence[str]) -> bool:
        """Remember a page of due documents; return whether there was any."""
        # One search per page, not per claim: NX-27017 filters and sorts the queue in Python,
        # so a search per claim made draining a queue quadratic.
        query: dict[str, Any] = {"state": QUEUED, "due_at": {"$lte": now}}
        if skip_tenants:
            query["tenant_id"] = {"$nin": list(skip_tenants)}
        cursor = self._collection.find(query, projection={"tenant_id": 1})
        page = await cursor.sort("due_at", ASCENDING).limit(_PAGE).to_list()
        # In random order: replicas working through the same page rarely ask for one document.
        random.shuffle(page)
        self._candidates = [(d["_id"], str(d.get("tenant_id", ""))) for d in page]
        return bool(page)

    async def _claim_one(
        self, document_id: str, now: float, claim_seconds: float
    ) -> Document | None:
        """Claim one document by id, unless another worker took it or it is no longer due."""
        return await self._collection.find_one_and_update(
            {"_id": document_id, "state": QUEUED, "due_at": {"$lte": now}},
            {"$set": {"due_at": now + claim_seconds}, "$inc": {"attempts": 1}},
            return_document=ReturnDocument.AFTER,
        )

    async def settle(self, document_id: str, attempt: int, changes: Mapping[str, Any]) -> None:
        """Record the outcome of an attempt, unless a later attempt has begun."""
        # Outcomes that come in while one is written go together in the next command.
        await self._outcomes.write(
            UpdateOne(
                {"_id": document_id, "attempts": attempt, "state": QUEUED},
                {"$set": dict(changes)},
            )
        )

    async def due(self, now: float) -> int:
        """Return how many documents wait and are due."""
        return await self._collection.count_documents({"state": QUEUED, "due_at": {"$lte": now}})
