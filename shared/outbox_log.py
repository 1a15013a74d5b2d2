"""The outbox as a durable log: published records kept for a retention period, to republish.

Two collections, both keyed by the outbox `_id` (creation time, then creation order):

- `outbox` holds only records not yet published, so the relay finds them by reading the head
  of the `_id` index (NX-27017 sorts and filters only `_id` without a scan in Python);
- `outbox_published` holds what was published, with the broker's answer (partition, offset,
  cluster id) and the time, until the retention period ends.

The relay moves a published record in one non-transactional step: it writes the record to
`outbox_published` first and deletes it from `outbox` second, so a crash in between publishes
it again (a duplicate, which idempotent consumers skip) and never loses it. A cursor of the
last published `_id` would be cheaper still, but transactions commit out of `_id` order: a
record that commits after the cursor passed its `_id` would never be published.

Republishing copies published records back into `outbox` under their own `_id`: the relay
sends them again before anything created later, so the order per key holds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from shared.mongo import Document

__all__ = ["PUBLISHED_COLLECTION", "BrokerAnswer", "PublishedLog", "time_key"]

PUBLISHED_COLLECTION = "outbox_published"
_DUPLICATE_KEY = 11000
_CHUNK = 500
BrokerAnswer = tuple[int, int]  # partition, offset


def time_key(moment: datetime) -> str:
    """Return the smallest outbox `_id` of records created at or after `moment`."""
    return f"{moment:%Y%m%dT%H%M%S%f}Z"


class PublishedLog:
    """Published outbox records, kept until their retention ends."""

    def __init__(self, database: AsyncDatabase[Document], outbox: str) -> None:
        self._published = database[PUBLISHED_COLLECTION]
        self._outbox = database[outbox]

    async def move(
        self, records: Sequence[Document], answers: Sequence[BrokerAnswer], cluster_id: str
    ) -> None:
        """Keep `records` as published with the broker's answers, then drop them from the outbox."""
        now = time.time()
        documents = [
            {**record, "published": _published(answer, cluster_id, now)}
            for record, answer in zip(records, answers, strict=True)
        ]
        await self._insert(documents)
        await self._outbox.delete_many({"_id": {"$in": [record["_id"] for record in records]}})

    async def requeue(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        topic: str | None = None,
    ) -> int:
        """Put published records (created in [since, until), of `topic`) back in the outbox."""
        bounds: dict[str, Any] = {"$gte": time_key(since) if since else ""}
        if until is not None:
            bounds["$lt"] = time_key(until)
        requeued = 0
        while True:
            cursor = self._published.find({"_id": bounds}).sort("_id", ASCENDING).limit(_CHUNK)
            chunk = await cursor.to_list()
            if not chunk:
                return requeued
            bounds["$gt"] = chunk[-1]["_id"]
            bounds.pop("$gte", None)
            # The topic is filtered here: NX-27017 would scan for it in Python anyway.
            again = [_unpublished(doc) for doc in chunk if topic is None or doc["topic"] == topic]
            requeued += await self._insert_into_outbox(again)

    async def purge(self, before: datetime) -> int:
        """Delete published records created before `before`; return how many."""
        result = await self._published.delete_many({"_id": {"$lt": time_key(before)}})
        return result.deleted_count

    async def last_cluster_id(self) -> str:
        """Return the cluster the newest published record went to ("" when none did)."""
        newest = await self._published.find_one({}, sort=[("_id", DESCENDING)])
        return str(newest["published"]["cluster_id"]) if newest else ""

    async def count(self) -> int:
        """Return how many published records are kept."""
        return await self._published.count_documents({})

    async def _insert(self, documents: list[Document]) -> None:
        try:
            await self._published.insert_many(documents, ordered=False)
        except BulkWriteError as error:
            # A record published again (republish, or a crash before its move ended) keeps
            # the newest answer of the broker.
            # Delete and insert, not replace: NX-27017 cannot replace a document with bytes.
            again = _duplicates(error, documents)
            await self._published.delete_many({"_id": {"$in": list(again)}})
            await self._published.insert_many([doc for doc in documents if doc["_id"] in again])

    async def _insert_into_outbox(self, documents: list[Document]) -> int:
        if not documents:
            return 0
        try:
            await self._outbox.insert_many(documents, ordered=False)
        except BulkWriteError as error:
            # Still pending: it will be published anyway.
            return len(documents) - len(_duplicates(error, documents))
        return len(documents)


def _duplicates(error: BulkWriteError, documents: Sequence[Document]) -> set[Any]:
    failures = error.details.get("writeErrors", [])
    if any(failure.get("code") != _DUPLICATE_KEY for failure in failures):
        raise error
    return {documents[failure["index"]]["_id"] for failure in failures}


def _published(answer: BrokerAnswer, cluster_id: str, now: float) -> Document:
    partition, offset = answer
    # Epoch seconds: NX-27017 would store a datetime set later as text.
    return {"partition": partition, "offset": offset, "cluster_id": cluster_id, "at": now}


def _unpublished(document: Document) -> Document:
    return {name: value for name, value in document.items() if name != "published"}
