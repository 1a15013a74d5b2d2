"""Delivery workers: every replica claims due deliveries one by one and sends them."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable

from services.notifications.repository.queue import WorkQueue
from shared.logging import get_logger
from shared.mongo import Document

__all__ = ["DeliveryWorker"]

log = get_logger(__name__)


class DeliveryWorker:
    """Runs `concurrency` loops that claim a due document, process it, and claim the next."""

    def __init__(
        self,
        name: str,
        queue: WorkQueue,
        process: Callable[[Document], Awaitable[None]],
        *,
        poll_seconds: float,
        concurrency: int,
        claim_seconds: float,
    ) -> None:
        self.name = name
        self._queue = queue
        self._process = process
        self._poll_seconds = poll_seconds
        self._concurrency = concurrency
        self._claim_seconds = claim_seconds
        self._wakeup = asyncio.Event()

    def wake(self) -> None:
        """Ask the idle loops to look for due work now."""
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
        document = await self._queue.claim(now=time.time(), claim_seconds=self._claim_seconds)
        if document is None:
            return False
        try:
            await self._process(document)
        except Exception as error:
            # The claim lapses and another attempt follows; never lose the worker over it.
            log.exception("notifications.worker.failed", worker=self.name, error=str(error))
        return True

    async def _loop(self) -> None:
        while True:
            try:
                if await self.step():
                    continue
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("notifications.worker.retry", worker=self.name, error=str(error))
            await self._wait()

    async def _wait(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), timeout=self._poll_seconds)
        self._wakeup.clear()
