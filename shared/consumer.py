"""Idempotent event consumers: each event's effect commits once, poison goes to dead letters."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from pydantic import ValidationError
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from shared.context import set_correlation_id
from shared.events import KafkaRecord, MalformedEvent, ReceivedEvent, decode_record
from shared.logging import bind_context, get_logger
from shared.mongo import Document
from shared.outbox import Transaction, TransactionRunner
from shared.provenance import provenance_error

__all__ = ["INBOX_COLLECTION", "EventEffect", "IdempotentConsumer", "Outcome", "RawRecord"]

INBOX_COLLECTION = "inbox"
EventEffect = Callable[[Transaction, ReceivedEvent], Awaitable[None]]
log = get_logger(__name__)


class RawRecord(Protocol):
    """The parts of a Kafka consumer record the consumer reads."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Sequence[tuple[str, bytes]]


class Outcome(StrEnum):
    """What became of one consumed record."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
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
        if len(ready) > 1:
            try:
                await self._apply_together([(event, effect) for _, event, effect in ready])
            except Exception as error:
                # A duplicate, invalid data or a failing effect: find which, record by record.
                log.info("consumer.batch.split", size=len(ready), error=repr(error))
            else:
                outcomes.update((index, Outcome.APPLIED) for index, _, _ in ready)
                ready = []
        for index, event, effect in ready:
            outcomes[index] = await self._apply_with_retries(records[index], event, effect)
        return [outcomes[index] for index in range(len(records))]

    async def _check(self, record: RawRecord) -> Outcome | tuple[ReceivedEvent, EventEffect]:
        """Decode the record and decide whether it may be applied here."""
        try:
            event = decode_record(record.headers, record.key, record.value or b"", record.topic)
        except MalformedEvent as error:
            return await self._dead_letter(record, str(error), attempts=0)
        # A producer of one topic must not speak for another service or another tenant.
        distrust = provenance_error(event, self._topic_name)
        if distrust is not None:
            log.warning("consumer.event.refused", type=event.type, source=event.source)
            return await self._dead_letter(record, f"refused: {distrust}", attempts=0)
        effect = self._effects.get(event.type)
        if effect is None:
            return Outcome.IGNORED
        return event, effect

    async def _apply_with_retries(
        self, record: RawRecord, event: ReceivedEvent, effect: EventEffect
    ) -> Outcome:
        for attempt in range(1, self._max_attempts + 1):
            try:
                return await self._apply_once(event, effect)
            except (ValidationError, MalformedEvent) as error:
                return await self._dead_letter(record, f"invalid data: {error}", attempts=attempt)
            except Exception as error:
                log.warning(
                    "consumer.effect.failed", type=event.type, attempt=attempt, error=repr(error)
                )
                if attempt == self._max_attempts:
                    return await self._dead_letter(record, repr(error), attempts=attempt)
                await asyncio.sleep(self._first_backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")

    async def _apply_together(self, batch: list[tuple[ReceivedEvent, EventEffect]]) -> None:
        """Commit every event's inbox entry and effect in one transaction, or none of them."""

        async def work(transaction: Transaction) -> None:
            entries = [_inbox_entry(event) for event, _ in batch]
            await self._inbox.insert_many(entries, ordered=True, session=transaction.session)
            for event, effect in batch:
                _bind(event)
                await effect(transaction, event)

        await self._runner.run(work)

    async def _apply_once(self, event: ReceivedEvent, effect: EventEffect) -> Outcome:
        _bind(event)
        inbox_id = _inbox_id(event)
        if await self._inbox.find_one({"_id": inbox_id}, projection={"_id": 1}):
            return Outcome.DUPLICATE

        async def work(transaction: Transaction) -> None:
            await self._inbox.insert_one(_inbox_entry(event), session=transaction.session)
            await effect(transaction, event)

        try:
            await self._runner.run(work)
        except DuplicateKeyError:
            # A concurrent replica committed the same event first.
            if await self._inbox.find_one({"_id": inbox_id}, projection={"_id": 1}):
                return Outcome.DUPLICATE
            raise
        return Outcome.APPLIED

    async def _dead_letter(self, record: RawRecord, reason: str, *, attempts: int) -> Outcome:
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
        log.error("consumer.dead_lettered", topic=record.topic, offset=record.offset, reason=reason)
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
