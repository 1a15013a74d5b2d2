"""Transactional outbox: state and its events commit together (`outbox_relay` publishes them)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TypeVar

from bson import ObjectId
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from shared.commit_groups import GROUP_LIMIT, CommitGroups, Unit
from shared.context import current_correlation_id
from shared.contracts.base import EventContract
from shared.errors import DomainError
from shared.events import KafkaRecord, encode_event
from shared.logging import get_logger
from shared.mongo import Document, MongoClient
from shared.tenancy import TenantContext
from shared.transaction_memo import start_memo
from shared.write_behind import HeldWrite, WriteBehind

__all__ = [
    "OUTBOX_COLLECTION",
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
        held: WriteBehind,
    ) -> None:
        self.session = session
        start_memo(session)  # a retried attempt, or the next unit of a group, reads afresh
        # Shared by every unit of a commit group (see shared/commit_groups.py).
        self._held = held
        self._outbox = outbox
        self._source = source
        self._topic_name = topic_name
        self.emitted = 0
        self.subjects: list[str] = []
        self._undo: list[Callable[[], None]] = []
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

    def if_aborted(self, undo: Callable[[], None]) -> None:
        """Run `undo` if this attempt does not commit (before a retry, or on failure)."""
        self._undo.append(undo)

    def aborted(self) -> None:
        """Undo, newest first, what this attempt did to objects outside the store."""
        undo, self._undo = self._undo, []
        for step in reversed(undo):
            step()

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

    def hold_events(self) -> None:
        """Hold the events emitted so far after the other held writes (one outbox insert)."""
        documents, self._pending = self._pending, []
        for document in documents:
            self._held.hold(HeldWrite(self._outbox, document))

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
        group_limit: int = GROUP_LIMIT,
    ) -> None:
        self._client = client
        self._outbox = database[OUTBOX_COLLECTION]
        self._source = source
        self._topic_name = topic_name
        self._on_commit = on_commit
        # One transaction at a time, for stores that cannot interleave them (NX-27017); what
        # queues meanwhile commits together in the next one.
        self._serial: asyncio.Lock | contextlib.nullcontext[None] = (
            asyncio.Lock() if serial else contextlib.nullcontext()
        )
        self._groups = CommitGroups(self._commit, limit=group_limit) if serial else None

    async def run(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run `work` in one transaction (retried on transient errors) and return its result."""
        if self._groups is not None:
            return await self._groups.submit(work)
        return await self._run_alone(work)

    async def _run_alone(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        results = await self._transact([lambda transaction: _unit_of_work(work, transaction)])
        result: T = results[0]
        return result

    async def _commit(self, units: list[Unit[Any]]) -> None:
        """Commit a group of queued units in one transaction, else each in its own."""
        pending = list(units)
        while len(pending) > 1:
            try:
                results = await self._transact([_in_callers_context(unit) for unit in pending])
            except _Refused as refused:
                # A rule of the unit's own (404, 409, 422) after the units before it: the same
                # answer as if it ran after them alone. The others go again, without it.
                pending.pop(refused.index).settle(error=refused.error)
                continue
            except Exception as error:  # each unit learns its own outcome below
                log.debug("transactions.group.split", units=len(pending), error=repr(error))
                break
            for unit, result in zip(pending, results, strict=True):
                unit.settle(result)
            return
        for unit in pending:
            try:
                result = await unit.run(self._run_alone(unit.work))
            except Exception as error:  # handed to the unit's caller
                unit.settle(error=error)
            else:
                unit.settle(result)

    async def _transact(self, steps: list[Callable[[Transaction], Awaitable[Any]]]) -> list[Any]:
        """Run `steps` in turn in one transaction (retried on transient errors); their results."""
        attempts: list[Transaction] = []
        results: list[Any] = []

        async def callback(session: AsyncClientSession) -> None:
            _undo(attempts)  # a retry: the earlier attempt was rolled back
            attempts.clear()
            results.clear()
            held = WriteBehind(session)
            for index, step in enumerate(steps):
                transaction = self._transaction(session, held)
                attempts.append(transaction)
                try:
                    results.append(await step(transaction))
                except DomainError as error:
                    if len(steps) == 1:
                        raise
                    raise _Refused(index, error) from error
            await held.flush()

        async with self._serial, self._client.start_session() as session:
            try:
                await session.with_transaction(callback)
            except BaseException:
                _undo(attempts)
                raise
        if any(transaction.emitted for transaction in attempts):
            self._on_commit()
        return results

    def _transaction(self, session: AsyncClientSession, held: WriteBehind) -> Transaction:
        return Transaction(session, self._outbox, self._source, self._topic_name, held=held)

    def between_transactions(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """Hold off this process's transactions while it lasts (when they are serialized)."""
        # NX-27017 lets any client read a transaction's writes before it commits: the relay
        # reads the outbox only between transactions, so it never publishes an uncommitted one.
        return self._serial


class _Refused(Exception):
    """A unit of a group refused by a rule of its own; the group is rolled back."""

    def __init__(self, index: int, error: DomainError) -> None:
        super().__init__(index, error)
        self.index = index
        self.error = error


async def _unit_of_work(work: Callable[[Transaction], Awaitable[T]], transaction: Transaction) -> T:
    result = await work(transaction)
    hook = commit_with.get()  # read in the caller's context: its own request's key
    if hook is not None:
        await hook(transaction)
    transaction.hold_events()
    return result


def _in_callers_context(unit: Unit[Any]) -> Callable[[Transaction], Awaitable[Any]]:
    return lambda transaction: unit.run(_unit_of_work(unit.work, transaction))


def _undo(attempts: list[Transaction]) -> None:
    for transaction in attempts:
        transaction.aborted()
