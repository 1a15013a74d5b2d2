"""Baseline: raw produce and produce→consume through the services' broker, event-sized records."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from bench.catalog import BenchContext, Result, benchmark
from bench.child import run_in_child
from bench.payload import RegistrySamples, read_registry_samples, record_size
from bench.stats import Op, closed_loop, errors_of, latency_ms, rate, summarize_ops

__all__ = ["ProducePlan", "kafka_raw", "produce"]

PARTITIONS = 3  # as the services' topics (kafka_topic_partitions)
SENT_HEADER = "bench_sent_ns"
IDLE_GIVE_UP = 10.0
# Raw Kafka is far faster than the flow: more records keep its window long against fetch waits.
VOLUME_FACTOR = 5


@dataclass(frozen=True)
class ProducePlan:
    """Where and how many event-sized records to produce."""

    bootstrap: str
    topic: str
    tenant_id: str
    samples: RegistrySamples
    count: int
    concurrency: int
    time_limit: float


@dataclass
class Arrivals:
    """Records read back: when each arrived and how long after its send started."""

    expected: int
    received: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    async def consume(self, consumer: AIOKafkaConsumer, deadline: float) -> None:
        """Read until `expected` records arrived, the deadline passed or arrivals stopped."""
        last_arrival = time.monotonic()
        while len(self.received) < self.expected and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=100)
            now_ns = time.monotonic_ns()
            for record in (r for records in batches.values() for r in records):
                self.received.append(now_ns / 1e9)
                self.latencies.append((now_ns - _sent_ns(record.headers)) / 1e9)
                last_arrival = time.monotonic()
            if time.monotonic() - last_arrival > IDLE_GIVE_UP:
                return


@benchmark("kafka_raw", "raw aiokafka: produce (acks=all) and produce→consume, event-sized")
async def kafka_raw(ctx: BenchContext) -> Result:
    """Measure produce and produce→consume rate and latency at the flow's concurrency."""
    deadline = time.monotonic() + ctx.settings.time_limit
    samples = await read_registry_samples(ctx)
    plan = ProducePlan(
        bootstrap=ctx.kafka_bootstrap,
        topic=f"bench.raw.{uuid.uuid4().hex[:8]}",
        tenant_id=ctx.new_tenant(),
        samples=samples,
        count=ctx.settings.n * VOLUME_FACTOR,
        concurrency=ctx.settings.concurrency,
        time_limit=ctx.settings.time_limit * 0.7,
    )
    await _create_topic(plan.bootstrap, plan.topic)
    try:
        ops, arrivals = await _produce_and_consume(plan, deadline)
    finally:
        await _delete_topic(plan.bootstrap, plan.topic)
    return _result(plan, ops, arrivals)


async def _produce_and_consume(plan: ProducePlan, deadline: float) -> tuple[list[Op], Arrivals]:
    consumer = await _assigned_consumer(plan.bootstrap, plan.topic)
    arrivals = Arrivals(expected=plan.count)
    consuming = asyncio.create_task(arrivals.consume(consumer, deadline), name="bench-consumer")
    try:
        ops = await run_in_child(
            produce, plan, time_limit=deadline - time.monotonic(), name="bench-produce"
        )
        arrivals.expected = sum(o.ok for o in ops)
        await consuming
    finally:
        consuming.cancel()
        await consumer.stop()
    return ops, arrivals


async def produce(plan: ProducePlan) -> list[Op]:
    """Produce the planned records (in the child process) and time each acknowledgement."""
    record = plan.samples.event_record(plan.tenant_id, plan.topic)
    headers = [(name, value.encode()) for name, value in record.headers.items()]
    # Tansu rejects the idempotent producer (InitProducerId answers UnknownError).
    producer = AIOKafkaProducer(
        bootstrap_servers=plan.bootstrap, acks="all", enable_idempotence=False
    )
    await producer.start()
    try:
        await producer.partitions_for(plan.topic)  # metadata before the clock starts

        async def send(index: int) -> None:
            sent = (SENT_HEADER, str(time.monotonic_ns()).encode())
            key = str(uuid.UUID(int=index)).encode()  # as long as an aggregate id, spread out
            await producer.send_and_wait(
                plan.topic, record.value, key=key, headers=[*headers, sent]
            )

        return await closed_loop(
            send, count=plan.count, concurrency=plan.concurrency, time_limit=plan.time_limit
        )
    finally:
        await producer.stop()


def _result(plan: ProducePlan, ops: list[Op], arrivals: Arrivals) -> Result:
    first_send = min((o.started for o in ops), default=0.0)
    last_arrival = max(arrivals.received, default=first_send)
    produced = summarize_ops(ops, "produce")
    return {
        "params": {
            "n": plan.count,
            "concurrency": plan.concurrency,
            "partitions": PARTITIONS,
            "record_bytes": record_size(plan.samples.event_record(plan.tenant_id, plan.topic)),
            "record_source": plan.samples.describe()["record_source"],
            "producer": "separate process, acks=all, no idempotence, send_and_wait per record",
            "consumer": "this process, aiokafka defaults as the services' (fetch_max_wait_ms "
            "500), manual assignment, no offset commits",
        },
        "metrics": {
            "produce_per_s": produced.pop("produce_per_s"),
            "consume_per_s": rate(len(arrivals.received), last_arrival - first_send),
            **latency_ms(arrivals.latencies, "e2e"),
            **produced,
        },
        "errors": {
            "produced": sum(o.ok for o in ops),
            "consumed": len(arrivals.received),
            "lost": sum(o.ok for o in ops) - len(arrivals.received),
            **errors_of(ops)["by_kind"],
        },
        "notes": [
            "consume_per_s: records read back ÷ (first send → last record read).",
            "e2e latency: send started → record read by the consumer.",
        ],
    }


async def _assigned_consumer(bootstrap: str, topic: str) -> AIOKafkaConsumer:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(PARTITIONS)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
    except BaseException:
        await consumer.stop()
        raise
    return consumer


async def _create_topic(bootstrap: str, topic: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, PARTITIONS, 1)])
    finally:
        await admin.close()


async def _delete_topic(bootstrap: str, topic: str) -> None:
    # Tansu keeps topics in memory: give it back, but never fail the run for it.
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    with contextlib.suppress(Exception):
        await admin.start()
        await admin.delete_topics([topic])
    with contextlib.suppress(Exception):
        await admin.close()


def _sent_ns(headers: Sequence[tuple[str, bytes]]) -> int:
    for name, value in headers:
        if name == SENT_HEADER:
            return int(value)
    raise ValueError("record without the send-time header")
