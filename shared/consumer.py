"""Idempotent event consumers: each event's effect commits once, poison goes to dead letters."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from prometheus_client import Counter
from pydantic import ValidationError
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from shared.context import set_correlation_id
from shared.events import KafkaRecord, MalformedEvent, ReceivedEvent, decode_record
from shared.logging import bind_context, get_logger
from shared.mongo import Document
from shared.outbox import Transaction, TransactionRunner
from shared.provenance import provenance_error
from shared.tenant_gate import ONBOARDED, PARKED_COLLECTION, KnownTenants, ParkedRecords
from shared.tracing import consumer_span

__all__ = ["INBOX_COLLECTION", "EventEffect", "IdempotentConsumer", "Outcome", "RawRecord"]

INBOX_COLLECTION = "inbox"
EventEffect = Callable[[Transaction, ReceivedEvent], Awaitable[None]]
DEAD_LETTERED = Counter(
    "consumer_dead_letters_total", "Records sent to the dead-letter topic", ["topic", "kind"]
)
log = get_logger(__name__)


class RawRecord(Protocol):
    """The parts of a Kafka consumer record the consumer reads."""

    @property
    def topic(self) -> str: ...
    @property
    def partition(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def key(self) -> bytes | None: ...
    @property
    def value(self) -> bytes | None: ...
    @property
    def headers(self) -> Sequence[tuple[str, bytes]]: ...


class Outcome(StrEnum):
    """What became of one consumed record."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    PARKED = "parked"
    DEAD_LETTERED = "dead_lettered"


class IdempotentConsumer:
    """Applies an effect per event type once, recording `(source, id)` in the same transaction."""

    def __init__(
        self,
        database: AsyncDatabase[Document],
        runner: TransactionRunner,
        effects: Mapping[str, EventEffect],
        publish_dead_letter: Callable[[KafkaRecord], Awaitable[Any]],
        *,
        name: str,
        dead_letter_topic: str,
        max_attempts: int,
        first_backoff: float = 0.2,
        topic_name: Callable[[str], str] = lambda topic: topic,
        hold_unknown_tenants: timedelta | None = None,
    ) -> None:
        self._inbox = database[INBOX_COLLECTION]
        self._runner = runner
        self._effects = dict(effects)
        self._publish_dead_letter = publish_dead_letter
        self._name = name
        self._dead_letter_topic = dead_letter_topic
        self._max_attempts = max_attempts
        self._first_backoff = first_backoff
        self._topic_name = topic_name
        # None: any tenant goes (tests of one service); else unknown tenants wait this long.
        self._hold = hold_unknown_tenants
        self._tenants = KnownTenants(self._inbox)
        self._parked = ParkedRecords(database[PARKED_COLLECTION])

    @property
    def event_types(self) -> list[str]:
        """Return the event types this consumer acts on."""
        return sorted(self._effects)

    async def handle(self, record: RawRecord) -> Outcome:
        """Apply the record's effect at most once; dead-letter it if it keeps failing."""
        [outcome] = await self.handle_batch([record])
        return outcome

    async def handle_batch(self, records: Sequence[RawRecord]) -> list[Outcome]:
        """Apply records in one transaction; if it fails, one at a time to isolate the culprit."""
        outcomes: dict[int, Outcome] = {}
        ready: list[tuple[int, ReceivedEvent, EventEffect]] = []
        for index, record in enumerate(records):
            checked = await self._check(record)
            if isinstance(checked, Outcome):
                outcomes[index] = checked
            else:
                ready.append((index, *checked))
        outcomes.update(await self._apply(records, ready))
        onboarded = {
            event.tenant_id
            for index, event, _ in ready
            if event.type == ONBOARDED and outcomes[index] is not Outcome.DEAD_LETTERED
        }
        for tenant_id in sorted(onboarded):
            await self._unpark(tenant_id)
        return [outcomes[index] for index in range(len(records))]

    async def _apply(
        self, records: Sequence[RawRecord], ready: list[tuple[int, ReceivedEvent, EventEffect]]
    ) -> dict[int, Outcome]:
        if len(ready) > 1:
            try:
                await self._apply_together([(event, effect) for _, event, effect in ready])
            except Exception as error:
                # A duplicate, invalid data or a failing effect: find which, record by record.
                log.info("consumer.batch.split", size=len(ready), error=repr(error))
            else:
                return {index: Outcome.APPLIED for index, _, _ in ready}
        return {
            index: await self._apply_with_retries(records[index], event, effect)
            for index, event, effect in ready
        }

    async def sweep(self) -> None:
        """Dead-letter parked records whose tenant stayed unknown for the hold time."""
        if self._hold is None:
            return
        for record in await self._parked.older_than(self._hold):
            if await self._tenants.known(record.tenant_id):
                await self.handle_batch([record])
            else:
                waited = f"{self._hold.total_seconds():.0f} s"
                reason = f"unknown tenant {record.tenant_id!r} (waited {waited})"
                await self._dead_letter(record, reason, attempts=0, kind="unknown_tenant")
            await self._parked.remove([record])

    async def _unpark(self, tenant_id: str) -> None:
        """Apply what waited for a tenant whose onboarding was just applied."""
        self._tenants.learn(tenant_id)
        waiting = await self._parked.of_tenant(tenant_id)
        if waiting:
            log.info("consumer.parked.released", tenant_id=tenant_id, count=len(waiting))
            await self.handle_batch(waiting)
            await self._parked.remove(waiting)

    async def _check(self, record: RawRecord) -> Outcome | tuple[ReceivedEvent, EventEffect]:
        """Decode the record and decide whether it may be applied here."""
        try:
            event = decode_record(record.headers, record.key, record.value or b"", record.topic)
        except MalformedEvent as error:
            return await self._dead_letter(record, str(error), attempts=0, kind="malformed")
        # A producer of one topic must not speak for another service or another tenant.
        distrust = provenance_error(event, self._topic_name)
        if distrust is not None:
            log.warning("consumer.event.refused", type=event.type, source=event.source)
            return await self._dead_letter(
                record, f"refused: {distrust}", attempts=0, kind="refused"
            )
        effect = self._effects.get(event.type)
        if effect is None:
            return Outcome.IGNORED
        if await self._tenant_unknown(event):
            # No state under a tenant this service never heard of; its onboarding may be late.
            await self._parked.park(record, event.tenant_id)
            log.warning("consumer.event.parked", type=event.type, tenant_id=event.tenant_id)
            return Outcome.PARKED
        return event, effect

    async def _tenant_unknown(self, event: ReceivedEvent) -> bool:
        if self._hold is None or event.type == ONBOARDED:
            return False
        return not await self._tenants.known(event.tenant_id)

    async def _apply_with_retries(
        self, record: RawRecord, event: ReceivedEvent, effect: EventEffect
    ) -> Outcome:
        for attempt in range(1, self._max_attempts + 1):
            try:
                return await self._apply_once(event, effect)
            except (ValidationError, MalformedEvent) as error:
                return await self._dead_letter(
                    record, f"invalid data: {error}", attempts=attempt, kind="invalid_data"
                )
            except Exception as error:
                log.warning(
                    "consumer.effect.failed", type=event.type, attempt=attempt, error=repr(error)
                )
                if attempt == self._max_attempts:
                    return await self._dead_letter(
                        record, repr(error), attempts=attempt, kind="effect_failed"
                    )
                await asyncio.sleep(self._first_backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")

    async def _apply_together(self, batch: list[tuple[ReceivedEvent, EventEffect]]) -> None:
        """Commit every event's inbox entry and effect in one transaction, or none of them."""

        async def work(transaction: Transaction) -> None:
            entries = [_inbox_entry(event) for event, _ in batch]
            await self._inbox.insert_many(entries, ordered=True, session=transaction.session)
            for event, effect in batch:
                _bind(event)
                with consumer_span(event.type, event.topic, event.trace):
                    await effect(transaction, event)

        await self._runner.run(work)

    async def _apply_once(self, event: ReceivedEvent, effect: EventEffect) -> Outcome:
        _bind(event)
        inbox_id = _inbox_id(event)
        if await self._inbox.find_one({"_id": inbox_id}, projection={"_id": 1}):
            return Outcome.DUPLICATE

        async def work(transaction: Transaction) -> None:
            await self._inbox.insert_one(_inbox_entry(event), session=transaction.session)
            with consumer_span(event.type, event.topic, event.trace):
                await effect(transaction, event)

        try:
            await self._runner.run(work)
        except DuplicateKeyError:
            # A concurrent replica committed the same event first.
            if await self._inbox.find_one({"_id": inbox_id}, projection={"_id": 1}):
                return Outcome.DUPLICATE
            raise
        return Outcome.APPLIED

    async def _dead_letter(
        self, record: RawRecord, reason: str, *, attempts: int, kind: str
    ) -> Outcome:
        headers = {name: value.decode("utf-8", "replace") for name, value in record.headers}
        headers.update(
            {
                "dlt_reason": reason[:2000],
                "dlt_consumer": self._name,
                "dlt_attempts": str(attempts),
                "dlt_topic": record.topic,
                "dlt_partition": str(record.partition),
                "dlt_offset": str(record.offset),
            }
        )
        key = record.key.decode("utf-8", "replace") if record.key else ""
        await self._publish_dead_letter(
            KafkaRecord(self._dead_letter_topic, key, record.value or b"", headers)
        )
        DEAD_LETTERED.labels(record.topic, kind).inc()
        log.error(
            "consumer.dead_lettered",
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            kind=kind,
            reason=reason,
        )
        return Outcome.DEAD_LETTERED


def _inbox_id(event: ReceivedEvent) -> str:
    return f"{event.source}|{event.id}"


def _inbox_entry(event: ReceivedEvent) -> Document:
    return {
        "_id": _inbox_id(event),
        "tenant_id": event.tenant_id,
        "type": event.type,
        "processed_at": datetime.now(UTC),
    }


def _bind(event: ReceivedEvent) -> None:
    """Let the effect's logs and emitted events carry the event's tenant and correlation."""
    set_correlation_id(event.correlation_id)
    bind_context(tenant_id=event.tenant_id, correlation_id=event.correlation_id)
