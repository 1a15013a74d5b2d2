"""The delivery worker over a fake queue: everything due is processed, a failure is contained."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

from services.notifications.services.workers import DeliveryWorker
from shared.clock import Clock
from tests.support.clock import FixedClock

CLOCK = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))


class FakeWorkQueue:
    """Due documents handed out once each, skipping the tenants the worker names."""

    def __init__(self, *documents: dict[str, Any]) -> None:
        self.waiting = list(documents)
        self.claims: list[float] = []

    async def claim(
        self, *, now: float, claim_seconds: float, skip_tenants: list[str] | None = None
    ) -> dict[str, Any] | None:
        self.claims.append(now)
        for document in self.waiting:
            if document["tenant_id"] not in (skip_tenants or []):
                self.waiting.remove(document)
                return document
        return None

    async def claim_many(self, *, now: float, claim_seconds: float, limit: int) -> list[Any]:
        self.claims.append(now)
        taken, self.waiting = self.waiting[:limit], self.waiting[limit:]
        return [{**document, "due_at": now + claim_seconds} for document in taken]


def worker(
    queue: FakeWorkQueue,
    process: Any,
    per_tenant: int | None = None,
    clock: Clock = CLOCK,
    *,
    poll_seconds: float = 1.0,
    concurrency: int = 1,
) -> DeliveryWorker:
    return DeliveryWorker(
        "test",
        queue,  # type: ignore[arg-type]
        process,
        poll_seconds=poll_seconds,
        concurrency=concurrency,
        claim_seconds=30.0,
        per_tenant=per_tenant,
        clock=clock,
    )


async def test_run_due_processes_every_due_document_once_at_the_clocks_time() -> None:
    queue = FakeWorkQueue(*({"_id": f"d-{n}", "tenant_id": "t"} for n in range(3)))
    done: list[str] = []

    async def process(document: dict[str, Any]) -> None:
        done.append(document["_id"])

    assert await worker(queue, process).run_due() == 3
    assert done == ["d-0", "d-1", "d-2"]
    assert set(queue.claims) == {CLOCK.timestamp()}


async def test_without_a_tenant_limit_one_command_claims_for_several_sends() -> None:
    queue = FakeWorkQueue(*({"_id": f"d-{n}", "tenant_id": "t"} for n in range(5)))
    done: list[str] = []

    async def process(document: dict[str, Any]) -> None:
        done.append(document["_id"])

    assert await worker(queue, process).run_due() == 5
    assert done == [f"d-{n}" for n in range(5)]
    assert len(queue.claims) == 4  # two per claim (twice the loops), and one that found none


async def test_a_document_held_past_half_its_claim_is_left_for_a_new_claim() -> None:
    clock = FixedClock(CLOCK.now())
    queue = FakeWorkQueue({"_id": "first", "tenant_id": "t"}, {"_id": "held", "tenant_id": "t"})
    done: list[str] = []

    async def process(document: dict[str, Any]) -> None:
        done.append(document["_id"])
        clock.advance(timedelta(seconds=16))  # a slow send: past half of the 30 s claim

    assert await worker(queue, process, clock=clock).run_due() == 1
    assert done == ["first"]


async def test_a_failing_document_does_not_stop_the_others() -> None:
    queue = FakeWorkQueue({"_id": "bad", "tenant_id": "t"}, {"_id": "good", "tenant_id": "t"})
    done: list[str] = []

    async def process(document: dict[str, Any]) -> None:
        if document["_id"] == "bad":
            raise RuntimeError("broken document")
        done.append(document["_id"])

    assert await worker(queue, process, per_tenant=1).run_due() == 2
    assert done == ["good"]


async def _ignore(document: dict[str, Any]) -> None:
    return None


async def test_idle_loops_look_for_work_once_per_poll_period_not_once_each() -> None:
    queue = FakeWorkQueue()
    running = asyncio.create_task(
        worker(queue, _ignore, poll_seconds=0.05, concurrency=4).run_forever()
    )
    await asyncio.sleep(0.5)
    running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await running

    # About ten periods passed; four loops that each asked would have searched forty times.
    assert 1 <= len(queue.claims) <= 14


async def test_a_wake_up_reaches_the_quiet_loops_at_once() -> None:
    queue = FakeWorkQueue()
    done = asyncio.Event()

    async def process(document: dict[str, Any]) -> None:
        done.set()

    delivery = worker(queue, process, poll_seconds=60.0, concurrency=4)
    running = asyncio.create_task(delivery.run_forever())
    await asyncio.sleep(0.05)  # every loop found nothing and waits out its minute
    queue.waiting.append({"_id": "new", "tenant_id": "t"})
    delivery.wake()
    try:
        await asyncio.wait_for(done.wait(), timeout=5)
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
