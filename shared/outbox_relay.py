"""The outbox relay: publishes committed events to Kafka in order, on one replica at a time."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase

from shared.events import KafkaRecord
from shared.lease import Lease
from shared.logging import get_logger
from shared.mongo import Document
from shared.outbox import OUTBOX_COLLECTION
from shared.outbox_log import BrokerAnswer, PublishedLog
from shared.relay_check import BrokerCheck

__all__ = ["OutboxRelay", "Publisher"]

log = get_logger(__name__)


Publisher = Callable[[KafkaRecord], Awaitable["asyncio.Future[Any]"]]
_PURGE_EVERY_SECONDS = 3600.0
# Short: a broker back after an outage gets the waiting events (and republished ones) soon.
_MAX_BACKOFF_SECONDS = 2.0


class OutboxRelay:
    """Publishes committed outbox records in creation order and keeps them as published."""

    def __init__(
        self,
        database: AsyncDatabase[Document],
        publish: Publisher,
        lease: Lease,
        *,
        poll_seconds: float,
        batch_size: int,
        guard: Callable[[], contextlib.AbstractAsyncContextManager[Any]] = contextlib.nullcontext,
        check: BrokerCheck | None = None,
        retention: timedelta = timedelta(days=14),
        renew_seconds: float | None = None,
    ) -> None:
        self._outbox = database[OUTBOX_COLLECTION]
        self.published = PublishedLog(database, OUTBOX_COLLECTION)
        self._publish = publish
        self._lease = lease
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size
        self._guard = guard
        self._check = check
        self._retention = retention
        self._renew_seconds = renew_seconds or lease.ttl.total_seconds() / 3
        self._wakeup = asyncio.Event()
        self._held = asyncio.Event()
        self._purged_at: float | None = None

    def wake(self) -> None:
        """Ask the relay to look for new records now."""
        self._wakeup.set()

    async def pending(self) -> int:
        """Return how many committed events wait for publication."""
        return await self._outbox.count_documents({})

    async def publish_pending(self) -> int:
        """Publish one batch in order; stop at the first failure so order per key holds."""
        if self._check is not None and self._check.due():
            await self._check.run(self._guard)
        async with self._guard():
            cursor = self._outbox.find({}).sort("_id", ASCENDING).limit(self._batch_size)
            records = await cursor.to_list()
        if not records:
            return 0
        # aiokafka keeps one batch in flight per partition, so queued sends stay in order.
        futures = [await self._publish(_to_record(doc)) for doc in records]
        for future in futures:
            # Sends after a failed one are retried later; their outcome is not needed.
            future.add_done_callback(_retrieve)
        answers: list[BrokerAnswer] = []
        for doc, future in zip(records, futures, strict=True):
            try:
                answers.append(_answer(await future))
            except Exception as error:
                log.warning("outbox.publish.failed", topic=doc["topic"], error=str(error))
                break
        sent = records[: len(answers)]
        if sent:
            await self._keep(sent, answers)
        if len(sent) < len(records):
            if self._check is not None:
                self._check.soon()
            raise ConnectionError("broker refused a record; retrying the rest later")
        return len(sent)

    async def _keep(self, sent: list[Document], answers: list[BrokerAnswer]) -> None:
        if self._check is not None:
            self._check.saw([doc["topic"] for doc in sent], answers)
        cluster_id = self._check.cluster_id if self._check is not None else ""
        async with self._guard():
            await self.published.move(sent, answers, cluster_id)

    async def run_forever(self) -> None:
        """Publish while holding the lease, until cancelled; retry while the broker is away."""
        keeper = asyncio.create_task(self._keep_lease(), name="outbox-lease")
        try:
            await self._publish_forever()
        finally:
            keeper.cancel()
            await asyncio.gather(keeper, return_exceptions=True)

    async def _publish_forever(self) -> None:
        backoff = self._poll_seconds
        while True:
            await self._held.wait()
            try:
                await self._purge_expired()
                published = await self.publish_pending()
                backoff = self._poll_seconds
                if published == self._batch_size:
                    continue
                await self._wait(self._poll_seconds)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("outbox.relay.retry", error=str(error), backoff=backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF_SECONDS)

    async def _keep_lease(self) -> None:
        """Take or renew the lease every few moments, also while a batch is being published."""
        while True:
            try:
                held = await self._lease.acquire()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                # Unsure whether it is still ours: stop publishing until a renewal succeeds.
                log.warning("outbox.lease.renew_failed", error=str(error))
                held = False
            if held and not self._held.is_set():
                log.info("outbox.lease.taken", owner=self._lease.owner)
                if self._check is not None:
                    self._check.soon()  # the broker may have changed while another relay held it
            (self._held.set if held else self._held.clear)()
            await asyncio.sleep(self._renew_seconds)

    async def _purge_expired(self) -> None:
        now = time.monotonic()
        if self._purged_at is not None and now - self._purged_at < _PURGE_EVERY_SECONDS:
            return
        self._purged_at = now
        purged = await self.published.purge(datetime.now(UTC) - self._retention)
        if purged:
            log.info("outbox.purged", records=purged)

    async def _wait(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), timeout=seconds)
        self._wakeup.clear()


def _to_record(doc: Document) -> KafkaRecord:
    return KafkaRecord(
        topic=doc["topic"], key=doc["key"], value=bytes(doc["value"]), headers=doc["headers"]
    )


def _retrieve(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


def _answer(metadata: Any) -> BrokerAnswer:
    # aiokafka answers RecordMetadata; a test double may answer nothing.
    return (getattr(metadata, "partition", -1), getattr(metadata, "offset", -1))
