"""Delivery workers: every replica claims due deliveries one by one and sends them."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable

from services.notifications.repository.queue import WorkQueue
from shared.clock import Clock
from shared.logging import get_logger
from shared.mongo import Document

__all__ = ["DeliveryWorker"]

log = get_logger(__name__)


class DeliveryWorker:
    """Runs `concurrency` loops that claim a due document, process it, and claim the next.

    With `per_tenant`, at most that many documents of one tenant are in process at once, so
    a tenant whose endpoints hang holds only its share of the loops.
    """

    def __init__(
        self,
        name: str,
        queue: WorkQueue,
        process: Callable[[Document], Awaitable[None]],
        *,
        poll_seconds: float,
        concurrency: int,
        claim_seconds: float,
        per_tenant: int | None = None,
        clock: Clock,
    ) -> None:
        self.name = name
        self._queue = queue
        self._process = process
        self._poll_seconds = poll_seconds
        self._concurrency = concurrency
        self._claim_seconds = claim_seconds
        self._wakeup = asyncio.Event()
        self._per_tenant = per_tenant
        self._in_flight: Counter[str] = Counter()
        self._claiming = asyncio.Lock()
        # Claimed in one command for the loops to take one by one (no per-tenant limit only:
        # a document held back for its tenant's turn could outlive its claim).
        self._claimed: deque[Document] = deque()
        self._clock = clock
        # After a search found nothing, the other idle loops wait for this (monotonic) time
        # or a wake-up instead of asking too: one search per poll period, not one per loop.
        self._quiet_until = 0.0
        self._wakes = 0  # a wake-up during a search that found nothing still counts

    def wake(self) -> None:
        """Ask the idle loops to look for due work now."""
        self._wakes += 1
        self._quiet_until = 0.0
        self._wakeup.set()

    async def run_forever(self) -> None:
        """Work until cancelled."""
        loops = [self._loop() for _ in range(self._concurrency)]
        await asyncio.gather(*loops)

    async def run_due(self) -> int:
        """Process everything due now, then return how many were processed."""
        done = 0
        while await self.step():
            done += 1
        return done

    async def step(self) -> bool:
        """Claim and process one due document; return whether there was one."""
        document = await self._claim()
        if document is None:
            return False
        try:
            await self._process(document)
        except Exception as error:
            # The claim lapses and another attempt follows; never lose the worker over it.
            log.exception("notifications.worker.failed", worker=self.name, error=str(error))
        finally:
            self._release(str(document.get("tenant_id", "")))
        return True

    async def _claim(self) -> Document | None:
        if self._per_tenant is None:
            return await self._next_claimed()
        # One claim at a time, so two loops cannot both take a tenant's last free place.
        async with self._claiming:
            limit = self._per_tenant
            busy = sorted(t for t, n in self._in_flight.items() if n >= limit)
            document = await self._queue.claim(
                now=self._clock.timestamp(), claim_seconds=self._claim_seconds, skip_tenants=busy
            )
            if document is not None:
                self._in_flight[str(document.get("tenant_id", ""))] += 1
            return document

    async def _next_claimed(self) -> Document | None:
        """Hand out a document claimed earlier, or claim the next few due in one command."""
        async with self._claiming:
            now = self._clock.timestamp()
            while self._claimed:
                document = self._claimed.popleft()
                # Past half its claim, another replica may soon take it again: let it lapse.
                if float(document["due_at"]) - now > self._claim_seconds / 2:
                    return document
            claimed = await self._queue.claim_many(
                now=now, claim_seconds=self._claim_seconds, limit=self._concurrency * 2
            )
            self._claimed.extend(claimed)
            return self._claimed.popleft() if self._claimed else None

    def _release(self, tenant_id: str) -> None:
        if self._per_tenant is None:
            return
        self._in_flight[tenant_id] -= 1
        if self._in_flight[tenant_id] <= 0:
            del self._in_flight[tenant_id]
        # A tenant below its share again may have due work the idle loops skipped.
        self.wake()

    async def _loop(self) -> None:
        while True:
            try:
                if time.monotonic() >= self._quiet_until:
                    wakes = self._wakes
                    if await self.step():
                        continue
                    if wakes == self._wakes:
                        self._quiet_until = time.monotonic() + self._poll_seconds
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("notifications.worker.retry", worker=self.name, error=str(error))
            await self._wait()

    async def _wait(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), timeout=self._poll_seconds)
        self._wakeup.clear()
