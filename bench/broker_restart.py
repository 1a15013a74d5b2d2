"""Broker restart under load: registrations before, during and after a Tansu crash; none lost."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter

from aiokafka import AIOKafkaConsumer, TopicPartition
from pymongo import AsyncMongoClient

from bench.catalog import BenchContext, Result, benchmark
from bench.child import run_in_child
from bench.load import PostPlan, post_registrations
from bench.stats import errors_of
from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.mongo import Document
from shared.outbox import OUTBOX_COLLECTION
from shared.outbox_log import PublishedLog

__all__ = ["broker_restart"]

# (before, outage, after) in seconds and registrations per second; the operator's report
# (issue 11) stopped the broker for 30 s at 2 registrations/s.
FULL_PHASES, FULL_RATE = (10.0, 30.0, 10.0), 10.0
QUICK_PHASES, QUICK_RATE = (3.0, 5.0, 3.0), 5.0
DRAIN_LIMIT = 120.0


@benchmark(
    "broker_restart",
    "Tansu killed and restarted under load: events produced, on the topic, lost, time to drain",
    services=("registry",),
    isolated=True,
)
async def broker_restart(ctx: BenchContext) -> Result:
    """Kill the broker mid-load, start it again; measure what reaches the topic and when."""
    before, outage, after = QUICK_PHASES if ctx.settings.quick else FULL_PHASES
    per_second = QUICK_RATE if ctx.settings.quick else FULL_RATE
    tenant = await ctx.onboarded_tenant()
    plan = PostPlan(
        registry_url=ctx.stack.url("registry"),
        token=ctx.officer_token(tenant),
        count=int(per_second * (before + outage + after)),
        concurrency=4,
        time_limit=before + outage + after + 60,
        name_prefix=f"Fundacja Awaryjna {uuid.uuid4().hex[:8]}",
        per_second=per_second,
    )
    posting = asyncio.create_task(
        run_in_child(post_registrations, plan, time_limit=plan.time_limit, name="bench-post")
    )
    restarted_at = await _crash_and_restart(ctx, before, outage)
    # Everything committed until the restart: the broker lost it, the outbox has it.
    lost_by_broker, _ = await _produced(ctx, tenant)
    recovered_at, _, _ = await _drain(ctx, tenant, restarted_at, only=set(lost_by_broker))
    ops = await posting
    load_ended_at = time.monotonic()
    drained_at, produced, on_topic = await _drain(ctx, tenant, restarted_at)
    found = [event_id for event_id in produced if event_id in on_topic]
    return {
        "params": {
            "before_s": before,
            "outage_s": outage,
            "after_s": after,
            "registrations_per_s": per_second,
        },
        "metrics": {
            "registrations_posted": len(ops),
            "registrations_created": sum(1 for o in ops if o.ok),
            "events_produced": len(produced),
            "events_on_topic": len(found),
            "events_lost": len(produced) - len(found),
            "duplicates_on_topic": sum(on_topic[e] - 1 for e in found),
            "events_committed_before_restart": len(lost_by_broker),
            "restart_to_recovered_s": _since(restarted_at, recovered_at),
            "load_end_to_drained_s": _since(load_ended_at, drained_at),
        },
        "errors": errors_of(ops),
        "notes": "effects counted on the topic by a raw Kafka reader (the publishing side); "
        "the broker is restarted like `make dev` does: same port, new cluster id, topics at once",
    }


async def _crash_and_restart(ctx: BenchContext, before: float, outage: float) -> float:
    kafka = ctx.stack.kafka
    if kafka is None:
        raise RuntimeError("broker_restart needs the embedded Kafka")
    await asyncio.sleep(before)
    kafka.process.kill()
    await asyncio.to_thread(kafka.process.wait)
    await asyncio.sleep(outage)
    await asyncio.to_thread(ctx.stack.restart_kafka)
    return time.monotonic()


def _since(start: float, end: float | None) -> float | None:
    return None if end is None else round(end - start, 2)


async def _drain(
    ctx: BenchContext, tenant: str, restarted_at: float, only: set[str] | None = None
) -> tuple[float | None, list[str], Counter[str]]:
    """Wait until the tenant's events (`only` those) are on the topic; return when and what."""
    produced: list[str] = []
    on_topic: Counter[str] = Counter()
    while time.monotonic() < restarted_at + DRAIN_LIMIT:
        produced, _ = await _produced(ctx, tenant)
        wanted = produced if only is None else [e for e in produced if e in only]
        on_topic = await _read_topic(ctx.kafka_bootstrap, ORGANIZATION_TOPIC)
        if all(event_id in on_topic for event_id in wanted):
            return time.monotonic(), produced, on_topic
        await asyncio.sleep(0.2)
    return None, produced, on_topic


async def _produced(ctx: BenchContext, tenant: str) -> tuple[list[str], int]:
    """Return the tenant's committed organization events and how many are not yet published."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(ctx.mongodb_uri, tz_aware=True)
    try:
        database = client[ctx.service_database("registry")]
        wanted = {"tenant_id": tenant, "topic": ORGANIZATION_TOPIC}
        records = PublishedLog(database, OUTBOX_COLLECTION).records()
        published = [r["event_id"] async for r in records if r.items() >= wanted.items()]
        pending = [d["event_id"] async for d in database[OUTBOX_COLLECTION].find(wanted)]
        # A republished event is in two segments of the log: count it once.
        return list(dict.fromkeys(published + pending)), len(pending)
    finally:
        await client.close()


async def _read_topic(bootstrap: str, topic: str) -> Counter[str]:
    """Return how often each event id is on the topic now."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    seen: Counter[str] = Counter()
    try:
        if topic not in await consumer.topics():
            return seen
        partitions = [TopicPartition(topic, n) for n in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        while any([await consumer.position(p) < end for p, end in ends.items()]):
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                for record in batch:
                    headers = dict(record.headers)
                    seen[headers["ce_id"].decode()] += 1
        return seen
    finally:
        await consumer.stop()
