"""The Kafka side of consuming: raw batches, commits after them, rewound logs, stalls."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, ConsumerRecord, TopicPartition
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage  # FastStream resolves it at run time
from faststream.middlewares import AckPolicy
from prometheus_client import Counter

from shared.consumer import IdempotentConsumer
from shared.deadletters import dead_letter_topic
from shared.logging import get_logger
from shared.settings import ServiceSettings
from shared.topics import BrokerWatch

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
        self.rewinds = 0  # counts rewinds, so a batch can tell one happened while it ran
        # The task that watches the broker for a replaced cluster (run by the runtime).
        self.watch: Callable[[], Coroutine[Any, Any, None]] | None = None

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
    """Restart from the earliest record the partitions whose log was lost, replaced or rewound."""

    def __init__(self, progress: ConsumerProgress, watch: BrokerWatch, every: float) -> None:
        self._progress = progress
        self._watch = watch
        self._every = every
        self._cluster_id = ""  # the cluster the consumer's positions belong to
        # Partitions rewound after a cluster change whose new position no batch settled yet:
        # a commit from before the change may still name a stale offset on the new cluster.
        self._unsettled: set[TopicPartition] = set()

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        """Nothing to do: offsets are committed after each batch."""

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        """Seek to the beginning where the committed offset lies outside the retained log."""
        consumer = self._progress.consumer
        if consumer is None or not assigned:
            return
        partitions = sorted(assigned)
        new_cluster = await self._new_cluster()
        starts = await consumer.beginning_offsets(partitions)
        ends = await consumer.end_offsets(partitions)
        for partition in partitions:
            committed = await consumer.committed(partition)
            reason = _rewind_reason(committed, starts[partition], ends[partition])
            if new_cluster or partition in self._unsettled:
                reason = "cluster_changed"
            if reason is not None:
                self._rewind(consumer, partition, starts[partition], reason, committed=committed)
        self._settle_cluster(new_cluster, partitions)

    def settled(self, records: Records) -> None:
        """Note the partitions whose position after a rewind a handled batch has confirmed."""
        if self._unsettled:
            self._unsettled -= {TopicPartition(r.topic, r.partition) for r in records}

    async def watch_forever(self) -> None:
        """Check the cluster id now and then; rewind every partition on a new cluster."""
        try:
            while True:
                await asyncio.sleep(self._every)
                try:
                    await self.check()
                except Exception as error:  # the broker is away: the next round asks again
                    if _cancelling():  # a client turned our cancellation into its own error
                        raise asyncio.CancelledError from error
                    log.info("consumer.broker_check.failed", error=repr(error))
        finally:
            await self._watch.close()

    async def check(self) -> None:
        """Rewind every assigned partition when the broker is a new cluster."""
        # A position past a log's end needs no check here: the fetch answers OffsetOutOfRange
        # and aiokafka restarts from the earliest record. A new cluster whose log already
        # grew past the old position answers records, so only its id tells.
        consumer = self._progress.consumer
        if consumer is None or not consumer.assignment():
            return  # the next assignment compares the cluster id itself
        new_cluster = await self._new_cluster()
        if new_cluster is None:
            return
        partitions = sorted(consumer.assignment())
        starts = await consumer.beginning_offsets(partitions)
        for partition in partitions:
            if partition in consumer.assignment():  # not revoked meanwhile
                self._rewind(consumer, partition, starts[partition], "cluster_changed")
        self._settle_cluster(new_cluster, partitions)

    async def _new_cluster(self) -> str | None:
        """Return the broker's cluster id if it replaced the one the positions came from."""
        cluster_id = await self._watch.cluster_id()
        if not self._cluster_id or cluster_id == self._cluster_id:
            self._cluster_id = cluster_id
            return None
        # A new cluster lacks the topics no running service produces: without them every
        # commit of the consumer fails, and its batches come again and again.
        await self._watch.ensure_topics()
        return cluster_id

    def _settle_cluster(self, cluster_id: str | None, partitions: list[TopicPartition]) -> None:
        """Take the new cluster as known only once its partitions were rewound."""
        if cluster_id is not None:
            self._cluster_id = cluster_id
            self._unsettled = set(partitions)

    def _rewind(
        self,
        consumer: AIOKafkaConsumer,
        partition: TopicPartition,
        earliest: int,
        reason: str,
        *,
        committed: int | None = None,
    ) -> None:
        # The inbox makes a replay harmless; skipping to the end would lose events. Without a
        # commit, auto_offset_reset starts there already: a seek could only move back past a
        # batch in flight, whose commit would then name the old position.
        if reason != "no_committed_offset":
            consumer.seek(partition, earliest)
            self._progress.rewinds += 1
        OFFSET_RESETS.labels(partition.topic, reason).inc()
        log.warning(
            "consumer.offsets.reset",
            topic=partition.topic,
            partition=partition.partition,
            committed=committed,
            earliest=earliest,
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
    guard = RewindGuard(
        progress,
        BrokerWatch(settings, [*topics, dead_letter_topic(settings)]),
        every=settings.outbox_broker_check_seconds,
    )

    async def on_batch(message: KafkaMessage) -> None:
        records: Records = message.raw_message
        rewinds = progress.rewinds
        try:
            outcomes = await consumer.handle_batch(records)
        except Exception as error:
            # The store or the broker is away: say so, and pause before the batch comes again.
            log.error("consumer.batch.failed", size=len(records), error=repr(error))
            await asyncio.sleep(REDELIVERY_PAUSE_SECONDS)
            if progress.rewinds != rewinds:
                # A rewind came meanwhile: a nack would seek forward to this batch again.
                return
            raise
        guard.settled(records)
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
        session_timeout_ms=settings.kafka_session_timeout_ms,
        heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
        listener=guard,
        parser=_parse_raw,
        decoder=_raw_bodies,
    )
    subscriber(on_batch)
    progress._consumer = lambda: subscriber.consumer
    progress.watch = guard.watch_forever
    return progress


def _cancelling() -> bool:
    """Return whether the running task has been asked to stop."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0
