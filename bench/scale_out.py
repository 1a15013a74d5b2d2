"""Scale-out: grants and notifications with three replicas each against one, on one stack.

Each run starts its own grants and notifications processes (`python -m services.<name>`) on
the stack's servers, with a topic prefix, databases and consumer groups of its own: the
replicas of a service share its group, so Kafka splits the 3 partitions between them. The run
onboards a tenant, then publishes `events` organization registrations as the registry's relay
would; both services consume them (grants into its applicant directory, notifications into
the officers' inbox). Throughput is events applied per second by each service; exactly once
is checked on what the replicas wrote: one processed-inbox entry and one effect per event.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from bench.catalog import BenchContext, Result, benchmark
from bench.notifications_fanout import READY_TIMEOUT, REPOSITORY, _producer, _ready, _stop
from bench.stats import rate
from deploy.local.servers import free_port
from shared.contracts.base import EventContract
from shared.contracts.registry import OrganizationRegistered, TenantOnboarded
from shared.events import encode_event

__all__ = ["scale_out"]

REPLICAS = (1, 3)
CONSUMERS = ("grants", "notifications")
# Where each service's effect of a registration lands, one document per event.
EFFECTS = {"grants": "applicants", "notifications": "inbox_items"}
WARM_UP_EVENTS = 6  # distinct keys: every partition has an owner before the clock starts


@dataclass
class Run:
    """One measured configuration: replicas per service and the names it owns."""

    replicas: int
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @property
    def prefix(self) -> str:
        """Return the run's topic prefix."""
        return f"scale{self.replicas}x{self.suffix}."

    def database(self, service: str) -> str:
        """Return the run's database of a service."""
        return f"{service}_scale{self.replicas}_{self.suffix}"


@benchmark(
    "scale_out",
    "registry events applied per second by grants and notifications: 3 replicas vs 1",
    services=(),  # starts its own grants and notifications replicas on the stack's servers
)
async def scale_out(ctx: BenchContext) -> Result:
    """Measure consumption with one and with three replicas of each consumer."""
    events = max(30, ctx.settings.n // 2)
    runs = {}
    for replicas in REPLICAS:
        budget = ctx.settings.time_limit / len(REPLICAS) * 0.9
        runs[replicas] = await _measure(ctx, Run(replicas), events=events, budget=budget)
    metrics: dict[str, Any] = {}
    for service in CONSUMERS:
        one, three = (runs[r]["per_s"][service] for r in REPLICAS)
        metrics[f"{service}_events_per_s_1_replica"] = one
        metrics[f"{service}_events_per_s_3_replicas"] = three
        metrics[f"{service}_speedup_3_vs_1"] = round(three / one, 2) if one and three else None
    return {
        "params": {"events": events, "partitions": "3 (kafka_topic_partitions)"},
        "metrics": metrics,
        "errors": {f"{k}_{r}r": v for r in REPLICAS for k, v in runs[r]["errors"].items() if v},
        "notes": _NOTES,
    }


async def _measure(ctx: BenchContext, run: Run, *, events: int, budget: float) -> dict[str, Any]:
    deadline = time.monotonic() + budget
    tenant, warm_up = ctx.new_tenant(), ctx.new_tenant()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(ctx.mongodb_uri)
    try:
        async with _replicas(ctx, run), _producer(ctx) as producer:
            for known in (warm_up, tenant):
                await _publish(producer, run, known, [_onboarded(known)])
            await _publish(producer, run, warm_up, [_registered() for _ in range(WARM_UP_EVENTS)])
            await _applied(client, run, warm_up, WARM_UP_EVENTS, time.monotonic() + READY_TIMEOUT)
            started = time.monotonic()
            await _publish(producer, run, tenant, [_registered() for _ in range(events)])
            done = await _applied(client, run, tenant, events, deadline)
            errors = await _exactly_once(client, run, tenant, events)
    finally:
        await client.close()
    return {
        "per_s": {s: rate(events, at - started) if at else None for s, at in done.items()},
        "errors": errors,
    }


@contextlib.asynccontextmanager
async def _replicas(ctx: BenchContext, run: Run) -> AsyncIterator[None]:
    """Start `run.replicas` processes of each consumer; stop them however the run ends."""
    processes: list[asyncio.subprocess.Process] = []
    log_dir = Path(ctx.stack.data_dir) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    try:
        started = []
        for service in CONSUMERS:
            for index in range(run.replicas):
                port = free_port()
                with (log_dir / f"scale-{service}-{run.replicas}-{index}.log").open("ab") as log:
                    process = await asyncio.create_subprocess_exec(
                        sys.executable,
                        "-m",
                        f"services.{service}",
                        env=_environment(ctx, run, service, port),
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        cwd=REPOSITORY,
                        start_new_session=True,
                    )
                processes.append(process)
                started.append((f"http://127.0.0.1:{port}", process))
        for url, process in started:
            await _ready(url, process)
        yield
    finally:
        for process in processes:
            await _stop(process)


def _environment(ctx: BenchContext, run: Run, service: str, port: int) -> dict[str, str]:
    prefix = service.upper() + "_"
    env = ctx.stack.service_env(service, port)
    env.update(
        {
            f"{prefix}KAFKA_TOPIC_PREFIX": run.prefix,
            f"{prefix}MONGODB_DATABASE": run.database(service),
            # Shared by the run's replicas of the service: the group splits the partitions.
            f"{prefix}KAFKA_CONSUMER_GROUP": f"{service}-scale-{run.suffix}",
            f"{prefix}LOG_LEVEL": "WARNING",
        }
    )
    return env


async def _publish(
    producer: AIOKafkaProducer, run: Run, tenant: str, events: list[EventContract]
) -> None:
    """Publish events as the registry's relay would."""
    sends = []
    for event in events:
        record = encode_event(
            event,
            source="registry",
            tenant_id=tenant,
            correlation_id=uuid.uuid4().hex,
            topic=f"{run.prefix}{event.topic}",
        )
        headers = [(k, v.encode()) for k, v in record.headers.items()]
        sends.append(
            await producer.send(
                record.topic, record.value, key=record.key.encode(), headers=headers
            )
        )
    await asyncio.gather(*sends)


def _onboarded(tenant: str) -> TenantOnboarded:
    return TenantOnboarded(
        tenant_id=tenant,
        name=f"Gmina {tenant}",
        kind="municipality",
        onboarded_at=datetime.now(UTC),
    )


def _registered() -> OrganizationRegistered:
    return OrganizationRegistered(
        organization_id=uuid.uuid4().hex,
        name=f"Stowarzyszenie {uuid.uuid4().hex[:6]}",
        legal_form="association",
        registered_by="bench-scale-out",
        registered_at=datetime.now(UTC),
    )


async def _applied(
    client: AsyncMongoClient[dict[str, Any]], run: Run, tenant: str, count: int, deadline: float
) -> dict[str, float | None]:
    """Return when each consumer had applied `count` registrations of `tenant` (None: never)."""
    done: dict[str, float | None] = dict.fromkeys(CONSUMERS)
    while time.monotonic() < deadline and None in done.values():
        for service in (s for s, at in done.items() if at is None):
            if min(await _counts(client[run.database(service)], service, tenant)) >= count:
                done[service] = time.monotonic()
        await asyncio.sleep(0.05)
    return done


async def _counts(
    database: AsyncDatabase[dict[str, Any]], service: str, tenant: str
) -> tuple[int, int]:
    """Return how many registrations the consumer recorded as processed, and their effects."""
    # Both commit in one transaction, yet NX-27017 may show a reader the inbox entries a
    # moment before the effects: a registration counts as applied once both are visible.
    query = {"tenant_id": tenant, "type": OrganizationRegistered.event_type}
    processed = await database["inbox"].count_documents(query)
    effects = await database[EFFECTS[service]].count_documents({"tenant_id": tenant})
    return processed, effects


async def _exactly_once(
    client: AsyncMongoClient[dict[str, Any]], run: Run, tenant: str, events: int
) -> dict[str, int]:
    """Count, per consumer, registrations not applied once: missing or applied twice."""
    errors = {}
    for service in CONSUMERS:
        processed, effects = await _counts(client[run.database(service)], service, tenant)
        errors[f"{service}_not_once"] = abs(processed - events) + abs(effects - events)
    return errors


_NOTES = [
    "events_per_s: registrations published ÷ (first published → the consumer's processed "
    "inbox and its effects hold all of them), per service; both read the same events at once.",
    "not_once: |processed − events| + |effects − events| per service, 0 when every event "
    "took effect exactly once across the replicas (grants: applicants; notifications: inbox "
    "items, one per registration).",
    "The replicas of a service share one consumer group over 3 partitions; all of them, the "
    "stack's servers and this process share the machine's cores and one NX-27017 server, "
    "which runs one transaction at a time per process: read the speedup with that in mind.",
]
