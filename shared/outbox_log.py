"""The outbox as a durable log: published records kept for a retention period, to republish.

Two collections, both ordered by the outbox `_id` (creation time, then creation order):

- `outbox` holds only records not yet published, so the relay finds them by reading the head
  of the `_id` index (NX-27017 sorts and filters only `_id` without a scan in Python);
- `outbox_published` holds what was published, one segment document per published batch:
  the records with the broker's answer (partition, offset), the cluster id and the time. A
  segment's `_id` is its last record's `_id` plus a unique suffix, so ranges of `_id` find
  segments by time, and one insert per batch keeps the relay fast (per-record documents cost
  NX-27017 three times as much).

The relay moves a published batch in one non-transactional step: it writes the segment first
and deletes the records from `outbox` second, so a crash in between publishes them again (a
duplicate, which idempotent consumers skip) and never loses one. A cursor of the last
published `_id` would be cheaper still, but transactions commit out of `_id` order: a record
that commits after the cursor passed its `_id` would never be published.

Republishing copies published records back into `outbox` under their own `_id` (a record
already there, or in two segments, goes in once): the relay sends them again before anything
created later, so the order per key holds.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from shared.mongo import Document

__all__ = ["PUBLISHED_COLLECTION", "STATE_COLLECTION", "BrokerAnswer", "PublishedLog", "time_key"]

PUBLISHED_COLLECTION = "outbox_published"
STATE_COLLECTION = "outbox_state"
_DUPLICATE_KEY = 11000
_SEGMENT_RECORDS = 500
_SEGMENT_BYTES = 4_000_000  # well under MongoDB's 16 MB document limit
_PAGE = 20  # segments read at a time
BrokerAnswer = tuple[int, int]  # partition, offset


def time_key(moment: datetime) -> str:
    """Return the smallest outbox `_id` of records created at or after `moment`."""
    return f"{moment:%Y%m%dT%H%M%S%f}Z"


class PublishedLog:
    """Published outbox records, kept in segments until their retention ends."""

    def __init__(self, database: AsyncDatabase[Document], outbox: str) -> None:
        self._published = database[PUBLISHED_COLLECTION]
        self._state = database[STATE_COLLECTION]
        self._outbox = database[outbox]

    async def move(
        self, records: Sequence[Document], answers: Sequence[BrokerAnswer], cluster_id: str
    ) -> None:
        """Keep `records` as published with the broker's answers, then drop them from the outbox."""
        kept = [
            {**record, "partition": partition, "offset": offset}
            for record, (partition, offset) in zip(records, answers, strict=True)
        ]
        now = time.time()  # epoch seconds: NX-27017 would store a datetime set later as text
        await self._published.insert_many(
            [_segment(chunk, cluster_id, now) for chunk in _chunks(kept)]
        )
        await self._outbox.delete_many({"_id": {"$in": [record["_id"] for record in records]}})

    async def records(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> AsyncIterator[Document]:
        """Yield the published records created in [since, until), oldest segment first."""
        low, high = time_key(since) if since else "", time_key(until) if until else None
        bounds: dict[str, Any] = {"$gte": low}
        while True:
            cursor = self._published.find({"_id": bounds}).sort("_id", 1).limit(_PAGE)
            page = await cursor.to_list()
            if not page:
                return
            for segment in page:
                for record in segment["records"]:
                    if record["_id"] >= low and (high is None or record["_id"] < high):
                        yield record
            # No early stop at `until`: a republished segment may span from old records to
            # new ones, and its `_id` is its newest record's.
            bounds = {"$gt": page[-1]["_id"]}

    async def requeue(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        topic: str | None = None,
    ) -> int:
        """Put published records (created in [since, until), of `topic`) back in the outbox."""
        requeued, batch = 0, []
        async for record in self.records(since=since, until=until):
            # The topic is filtered here: NX-27017 would scan for it in Python anyway.
            if topic is None or record["topic"] == topic:
                batch.append(_unpublished(record))
            if len(batch) >= _SEGMENT_RECORDS:
                requeued, batch = requeued + await self._into_outbox(batch), []
        return requeued + await self._into_outbox(batch)

    async def purge(self, before: datetime) -> int:
        """Delete the segments whose records were all created before `before`; return how many."""
        result = await self._published.delete_many({"_id": {"$lt": time_key(before)}})
        return result.deleted_count

    async def known_cluster_id(self) -> str:
        """Return the cluster the relays last published to ("" before the first publication)."""
        state = await self._state.find_one({"_id": "broker"})
        return str(state["cluster_id"]) if state else ""

    async def remember_cluster_id(self, cluster_id: str) -> None:
        """Record the cluster the relays publish to now."""
        await self._state.replace_one(
            {"_id": "broker"}, {"_id": "broker", "cluster_id": cluster_id}, upsert=True
        )

    async def _into_outbox(self, documents: list[Document]) -> int:
        if not documents:
            return 0
        try:
            await self._outbox.insert_many(documents, ordered=False)
        except BulkWriteError as error:
            failures = error.details.get("writeErrors", [])
            if any(failure.get("code") != _DUPLICATE_KEY for failure in failures):
                raise
            # Still pending, or twice in the log: it goes out once anyway.
            return len(documents) - len(failures)
        return len(documents)


def _chunks(records: list[Document]) -> list[list[Document]]:
    chunks: list[list[Document]] = [[]]
    size = 0
    for record in records:
        record_size = len(record["value"]) + 512
        if chunks[-1] and (
            len(chunks[-1]) >= _SEGMENT_RECORDS or size + record_size > _SEGMENT_BYTES
        ):
            chunks.append([])
            size = 0
        chunks[-1].append(record)
        size += record_size
    return chunks


def _segment(records: list[Document], cluster_id: str, now: float) -> Document:
    return {
        "_id": f"{records[-1]['_id']}~{ObjectId()}",
        "first": records[0]["_id"],
        "cluster_id": cluster_id,
        "published_at": now,
        "records": records,
    }


def _unpublished(record: Document) -> Document:
    return {name: value for name, value in record.items() if name not in ("partition", "offset")}
