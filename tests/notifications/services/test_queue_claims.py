"""Replicas claiming due deliveries from one queue: each exactly once, none left behind."""

from __future__ import annotations

import asyncio
import time

from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.repository.emails import EmailQueue
from services.notifications.repository.queue import QUEUED
from shared.mongo import Document
from tests.conftest import AppClientFactory

DOCUMENTS = 450  # more than two pages of candidates


async def _own_database(app_client: AppClientFactory, tenant_id: str) -> AsyncDatabase[Document]:
    """A database of this test only: the service's own workers must not claim from it."""
    service = await app_client("notifications")
    return service.database.client[f"{service.database.name}_q{tenant_id}"]


async def _queue_up(database: AsyncDatabase[Document], tenant_id: str, count: int) -> set[str]:
    now = time.time()
    documents = [
        {"_id": f"{tenant_id}-{n}", "tenant_id": tenant_id, "state": QUEUED, "due_at": now - n}
        for n in range(count)
    ]
    await database[EmailQueue.collection_name].insert_many(documents)
    return {d["_id"] for d in documents}


async def _drain(queue: EmailQueue, skip: tuple[str, ...] = ()) -> list[str]:
    claimed = []
    while document := await queue.claim(now=time.time(), claim_seconds=60, skip_tenants=skip):
        claimed.append(document["_id"])
    return claimed


class TestTwoReplicasDrainOneQueue:
    async def test_every_due_delivery_is_claimed_once(
        self, app_client: AppClientFactory, tenant_id: str
    ) -> None:
        database = await _own_database(app_client, tenant_id)
        queued = await _queue_up(database, tenant_id, DOCUMENTS)
        replicas = [EmailQueue(database), EmailQueue(database)]

        first, second = await asyncio.gather(*(_drain(replica) for replica in replicas))

        claimed = [c for c in first + second if c in queued]
        assert sorted(claimed) == sorted(queued)
        assert first and second  # both worked through the queue

    async def test_a_skipped_tenants_deliveries_wait_for_a_later_claim(
        self, app_client: AppClientFactory, tenant_id: str
    ) -> None:
        database = await _own_database(app_client, tenant_id)
        busy = f"{tenant_id}-busy"
        mine = await _queue_up(database, tenant_id, 3)
        waiting = await _queue_up(database, busy, 3)
        queue = EmailQueue(database)

        while_busy = await _drain(queue, skip=(busy,))
        afterwards = await _drain(queue)

        assert mine <= set(while_busy) and not waiting & set(while_busy)
        assert waiting <= set(afterwards)


async def _drain_in_batches(queue: EmailQueue, limit: int) -> list[str]:
    claimed = []
    while batch := await queue.claim_many(now=time.time(), claim_seconds=60, limit=limit):
        claimed += [document["_id"] for document in batch]
    return claimed


class TestClaimsInBatches:
    async def test_two_replicas_claiming_batches_take_every_delivery_once(
        self, app_client: AppClientFactory, tenant_id: str
    ) -> None:
        database = await _own_database(app_client, tenant_id)
        queued = await _queue_up(database, tenant_id, DOCUMENTS)
        replicas = [EmailQueue(database), EmailQueue(database)]

        first, second = await asyncio.gather(*(_drain_in_batches(r, 8) for r in replicas))

        assert sorted(first + second) == sorted(queued)
        assert first and second
        attempts = await database[EmailQueue.collection_name].distinct("attempts")
        assert attempts == [1]  # no delivery was claimed twice

    async def test_outcomes_written_together_each_fence_their_own_attempt(
        self, app_client: AppClientFactory, tenant_id: str
    ) -> None:
        database = await _own_database(app_client, tenant_id)
        await _queue_up(database, tenant_id, 20)
        queue = EmailQueue(database)
        claimed = await queue.claim_many(now=time.time(), claim_seconds=60, limit=20)

        await asyncio.gather(
            *(
                # Every third outcome names an attempt that is no longer the current one.
                queue.settle(d["_id"], d["attempts"] - (n % 3 == 0), {"state": "sent"})
                for n, d in enumerate(claimed)
            )
        )

        states = {
            d["_id"]: d["state"]
            async for d in database[EmailQueue.collection_name].find({"tenant_id": tenant_id})
        }
        late = {d["_id"] for n, d in enumerate(claimed) if n % 3 == 0}
        assert len(claimed) == 20
        assert {i for i, state in states.items() if state == QUEUED} == late
