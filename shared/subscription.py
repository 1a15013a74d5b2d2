"""The Kafka side of consuming: raw batches, commits after them, rewound logs, stalls."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, ConsumerRecord, TopicPartition
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage  # FastStream resolves it at run time
from faststream.middlewares import AckPolicy
from prometheus_client import Counter

from shared.consumer import IdempotentConsumer
from shared.logging import get_logger
from shared.settings import ServiceSettings

__all__ = ["OFFSET_RESETS", "ConsumerProgress", "subscribe"]

OFFSET_RESETS = Counter(
    "consumer_offset_resets_total",
    "Partitions a consumer restarted from the earliest retained record",
    ["topic", "reason"],
)
REDELIVERY_PAUSE_SECONDS = 1.0
log = get_logger(__name__)
Records = Sequence[ConsumerRecord[bytes, bytes]]


class ConsumerProgress:
    """When the consumer last made progress, and whether records wait for it."""

    def __init__(self, stall_seconds: float) -> None:
        self._stall_seconds = stall_seconds
        self._last_progress = time.monotonic()
        self._consumer: Callable[[], AIOKafkaConsumer | None] = lambda: None

    @property
    def consumer(self) -> AIOKafkaConsumer | None:
        """Return the running Kafka consumer, if any."""
        return self._consumer()

    def advanced(self) -> None:
        """Note that a batch was fetched and settled."""
        self._last_progress = time.monotonic()

    async def stalled(self) -> bool:
        """Return True if records wait (lag > 0) and nothing moved for the stall time."""
        if time.monotonic() - self._last_progress < self._stall_seconds:
            return False
        consumer = self.consumer
        if consumer is None:
            return True
        assigned = list(consumer.assignment())
        if not assigned:
            return False
        ends = await consumer.end_offsets(assigned)
        for partition in assigned:
            committed = await consumer.committed(partition)
            if ends[partition] > (committed or 0):
                return True
        return False


class RewindGuard(ConsumerRebalanceListener):  # type: ignore[misc]
    """On assignment, restart from the earliest record a partition whose log was lost or rewound."""

    def __init__(self, progress: ConsumerProgress) -> None:
        self._progress = progress

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        """Nothing to do: offsets are committed after each batch."""

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        """Seek to the beginning where the committed offset lies outside the retained log."""
        consumer = self._progress.consumer
        if consumer is None or not assigned:
            return
        partitions = sorted(assigned)
        starts = await consumer.beginning_offsets(partitions)
        ends = await consumer.end_offsets(partitions)
        for partition in partitions:
            committed = await consumer.committed(partition)
            reason = _rewind_reason(committed, starts[partition], ends[partition])
            if reason is None:
                continue
            # The inbox makes a replay harmless; skipping to the end would lose events.
            consumer.seek(partition, starts[partition])
            OFFSET_RESETS.labels(partition.topic, reason).inc()
            log.warning(
                "consumer.offsets.reset",
                topic=partition.topic,
                partition=partition.partition,
                committed=committed,
                earliest=starts[partition],
                end=ends[partition],
                reason=reason,
            )


def _rewind_reason(committed: int | None, start: int, end: int) -> str | None:
    if committed is None:
        # A new group, or offsets lost with a deleted topic or a replaced cluster.
        return "no_committed_offset" if end > start else None
    if committed > end:
        return "beyond_end"  # the topic was recreated or the cluster replaced
    if committed < start:
        return "before_start"  # retention removed records never consumed
    return None


def _sanitized(record: ConsumerRecord[bytes, bytes]) -> ConsumerRecord[bytes, bytes]:
    """Return the record with headers FastStream can decode (the consumer reads the originals)."""
    headers = [(name, value.decode("utf-8", "replace").encode()) for name, value in record.headers]
    return dataclasses.replace(record, headers=headers)


async def _parse_raw(records: Records, original: Callable[[Records], Awaitable[Any]]) -> Any:
    """Parse a batch without failing on its headers; keep the raw records for the consumer."""
    message = await original(tuple(_sanitized(record) for record in records))
    message.raw_message = tuple(records)
    return message


async def _raw_bodies(message: Any) -> Any:
    """Keep bodies as bytes: a body that is no JSON is the consumer's to dead-letter."""
    return message.body


def subscribe(
    broker: KafkaBroker,
    settings: ServiceSettings,
    topics: list[str],
    consumer: IdempotentConsumer,
    on_outcomes: Callable[[Records, list[Any]], None],
) -> ConsumerProgress:
    """Subscribe the consumer to its topics in batches; return its progress for readiness."""
    progress = ConsumerProgress(settings.consumer_stall_seconds)

    async def on_batch(message: KafkaMessage) -> None:
        records: Records = message.raw_message
        try:
            outcomes = await consumer.handle_batch(records)
        except Exception as error:
            # The store or the broker is away: say so, and pause before the batch comes again.
            log.error("consumer.batch.failed", size=len(records), error=repr(error))
            await asyncio.sleep(REDELIVERY_PAUSE_SECONDS)
            raise
        on_outcomes(records, outcomes)
        progress.advanced()

    # One subscriber for every topic: one group member, so start-up waits for one rebalance.
    subscriber = broker.subscriber(
        *topics,
        group_id=settings.kafka_consumer_group,
        auto_offset_reset="earliest",
        batch=True,
        max_records=settings.consumer_batch_size,
        batch_timeout_ms=settings.consumer_batch_wait_ms,
        # The batch is committed once applied or dead-lettered; a failure the consumer could not
        # turn into a dead letter (store or broker away) rewinds, so it is redelivered, not lost.
        ack_policy=AckPolicy.NACK_ON_ERROR,
        fetch_max_wait_ms=settings.kafka_fetch_max_wait_ms,
        listener=RewindGuard(progress),
        parser=_parse_raw,
        decoder=_raw_bodies,
    )
    subscriber(on_batch)
    progress._consumer = lambda: subscriber.consumer
    return progress
