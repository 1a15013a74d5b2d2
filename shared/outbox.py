"""Transactional outbox: state and its events commit together; a relay publishes them."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from bson import ObjectId
from pymongo import ASCENDING
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from shared.context import current_correlation_id
from shared.contracts.base import EventContract
from shared.events import KafkaRecord, encode_event
from shared.lease import Lease
from shared.logging import get_logger
from shared.mongo import Document, MongoClient
from shared.outbox_log import BrokerAnswer, PublishedLog
from shared.relay_check import BrokerCheck
from shared.tenancy import TenantContext
from shared.transaction_memo import start_memo
from shared.write_behind import HeldWrite, WriteBehind

__all__ = [
    "OUTBOX_COLLECTION",
    "OutboxRelay",
    "Transaction",
    "TransactionRunner",
    "commit_with",
    "outbox_document",
    "outbox_key",
]

OUTBOX_COLLECTION = "outbox"
# The outbox holds only records not yet published, keyed in creation order, so the relay
# reads the head of the `_id` index: no secondary index, and no scan past published records
# (NX-27017 sorts on any other field in Python, over every pending record). Published records
# move to `outbox_published` for the retention period (see shared/outbox_log.py).
T = TypeVar("T")
log = get_logger(__name__)

# A write that must commit with whichever transaction the current request runs (the record of
# its Idempotency-Key), so that a retry finds it exactly when the state it answers is there.
commit_with: ContextVar[Callable[[Transaction], Awaitable[None]] | None] = ContextVar(
    "commit_with", default=None
)


class Transaction:
    """One MongoDB transaction: the session for state writes and the events they raise."""

    def __init__(
        self,
        session: AsyncClientSession,
        outbox: AsyncCollection[Document],
        source: str,
        topic_name: Callable[[str], str],
    ) -> None:
        self.session = session
        start_memo(session)  # a retried attempt must not see the failed one's reads
        self._held = WriteBehind(session)
        self._outbox = outbox
        self._source = source
        self._topic_name = topic_name
        self.emitted = 0
        self.subjects: list[str] = []
        # Written by `flush` in one insert at the end of the unit of work: on NX-27017 every
        # command inside a transaction costs a round trip while all others wait for it.
        self._pending: list[Document] = []

    async def emit(self, event: EventContract, *, tenant: TenantContext) -> str:
        """Add an event to the outbox in this transaction; return its id."""
        document = self._outbox_document(event, tenant)
        self._pending.append(document)
        self.emitted += 1
        self.subjects.append(document["key"])
        return str(document["event_id"])

    def about(self, aggregate_id: str) -> None:
        """Name an aggregate this transaction writes without an event (its events name theirs)."""
        self.subjects.append(aggregate_id)

    async def emit_many(self, events: list[tuple[EventContract, TenantContext]]) -> None:
        """Add many events at once (bulk work such as imports), keeping their order."""
        if not events:
            return
        documents = [self._outbox_document(event, tenant) for event, tenant in events]
        self._pending.extend(documents)
        self.emitted += len(documents)

    async def flush(self) -> None:
        """Write the held writes, then the events emitted so far (one insert), in order."""
        documents, self._pending = self._pending, []
        events = [HeldWrite(self._outbox, document) for document in documents]
        await self._held.flush(events)

    def _outbox_document(self, event: EventContract, tenant: TenantContext) -> Document:
        record = encode_event(
            event,
            source=self._source,
            tenant_id=tenant.tenant_id,
            correlation_id=current_correlation_id(),
            topic=self._topic_name(event.topic),
        )
        return outbox_document(record)


def outbox_document(record: KafkaRecord) -> Document:
    """Return the outbox document of an encoded event record."""
    now = datetime.now(UTC)
    return {
        "_id": outbox_key(now),
        "event_id": record.headers["ce_id"],
        "tenant_id": record.headers.get("ce_tenantid"),
        "topic": record.topic,
        "key": record.key,
        "value": record.value,
        "headers": record.headers,
        "created_at": now,
    }


def outbox_key(created_at: datetime) -> str:
    """Return an `_id` that sorts by creation time, then in creation order within a process."""
    # ObjectIds count up within a process, so records made in the same microsecond keep order.
    return f"{created_at:%Y%m%dT%H%M%S%f}Z-{ObjectId()}"


class TransactionRunner:
    """Runs units of work in MongoDB transactions and wakes the relay after commits."""

    def __init__(
        self,
        client: MongoClient,
        database: AsyncDatabase[Document],
        *,
        source: str,
        topic_name: Callable[[str], str],
        on_commit: Callable[[], None] = lambda: None,
        serial: bool = False,
    ) -> None:
        self._client = client
        self._outbox = database[OUTBOX_COLLECTION]
        self._source = source
        self._topic_name = topic_name
        self._on_commit = on_commit
        # One transaction at a time, for stores that cannot interleave them (NX-27017).
        self._serial: asyncio.Lock | contextlib.nullcontext[None] = (
            asyncio.Lock() if serial else contextlib.nullcontext()
        )

    async def run(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run `work` in one transaction (retried on transient errors) and return its result."""
        emitted = 0

        async def callback(session: AsyncClientSession) -> T:
            nonlocal emitted
            transaction = Transaction(session, self._outbox, self._source, self._topic_name)
            result = await work(transaction)
            hook = commit_with.get()
            if hook is not None:
                await hook(transaction)
            await transaction.flush()
            emitted = transaction.emitted
            return result

        async with self._serial, self._client.start_session() as session:
            result = await session.with_transaction(callback)
        if emitted:
            self._on_commit()
        return result

    def between_transactions(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """Hold off this process's transactions while it lasts (when they are serialized)."""
        # NX-27017 lets any client read a transaction's writes before it commits: the relay
        # reads the outbox only between transactions, so it never publishes an uncommitted one.
        return self._serial


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
