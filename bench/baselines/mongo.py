"""Baseline: raw MongoDB transactions on the services' server, shaped like the registry's."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from pymongo import AsyncMongoClient, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from bench.catalog import BenchContext, Result, benchmark
from bench.child import run_in_child
from bench.payload import RegistrySamples, read_registry_samples
from bench.stats import Op, closed_loop, errors_of, summarize_ops
from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.events import KafkaRecord
from shared.outbox import OUTBOX_COLLECTION, outbox_document

__all__ = ["MongoPlan", "mongo_transactions", "mongo_tx"]

Document = dict[str, Any]


@dataclass(frozen=True)
class MongoPlan:
    """Where and how many two-document transactions to run, and what they write."""

    uri: str
    database: str
    tenant_id: str
    samples: RegistrySamples
    count: int
    concurrency: int
    time_limit: float


@benchmark("mongo_tx", "raw PyMongo transactions: one organization + one outbox document each")
async def mongo_tx(ctx: BenchContext) -> Result:
    """Measure transactions/s of the services' store at the flow's concurrency and serially."""
    samples = await read_registry_samples(ctx)
    plan = MongoPlan(
        uri=ctx.mongodb_uri,
        database=f"bench_raw_{uuid.uuid4().hex[:8]}",
        tenant_id=ctx.new_tenant(),
        samples=samples,
        count=ctx.settings.n,
        concurrency=ctx.settings.concurrency,
        time_limit=ctx.settings.time_limit * 0.45,  # two passes share the budget
    )
    concurrent = await _measure(plan)
    # One at a time too: what the store does when transactions never overlap.
    serial = (
        concurrent
        if plan.concurrency == 1
        else await _measure(replace(plan, concurrency=1, database=plan.database + "_serial"))
    )
    return {
        "params": _params(plan),
        "metrics": {**summarize_ops(concurrent, "tx"), **summarize_ops(serial, "serial_tx")},
        "errors": {
            "done": sum(o.ok for o in concurrent),
            **errors_of(concurrent)["by_kind"],
            "samples": errors_of(concurrent)["samples"],
            "serial_done": sum(o.ok for o in serial),
            "serial_failed": sum(not o.ok for o in serial),
        },
        "notes": [
            "Own databases on the services' NX-27017 server (one SQLite file per "
            "database), the registry's indexes copied without uniqueness; serial_* = "
            "concurrency 1.",
        ],
    }


async def _measure(plan: MongoPlan) -> list[Op]:
    ops: list[Op] = await run_in_child(
        mongo_transactions, plan, time_limit=plan.time_limit + 15, name="bench-mongo"
    )
    return ops


def _params(plan: MongoPlan) -> dict[str, Any]:
    indexes = {name: [o["name"] for _, o in specs] for name, specs in plan.samples.indexes.items()}
    return {
        "n": plan.count,
        "concurrency": plan.concurrency,
        "load_generator": "separate process, AsyncMongoClient, session.with_transaction",
        "indexes": indexes,
        **plan.samples.describe(),
    }


async def mongo_transactions(plan: MongoPlan) -> list[Op]:
    """Run the planned transactions (in the child process) and time each one."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(plan.uri, tz_aware=True)
    try:
        database = client[plan.database]
        for name, specs in plan.samples.indexes.items():
            await database[name].create_indexes([IndexModel(k, **o) for k, o in specs])
        record = plan.samples.event_record(plan.tenant_id, ORGANIZATION_TOPIC)

        async def transaction(index: int) -> None:
            organization = plan.samples.organization_copy(plan.tenant_id, index)
            await _insert_pair(client, database, organization, record)

        await transaction(-1)  # warm-up: connection and collections exist before the clock
        return await closed_loop(
            transaction, count=plan.count, concurrency=plan.concurrency, time_limit=plan.time_limit
        )
    finally:
        await client.close()


async def _insert_pair(
    client: AsyncMongoClient[Document],
    database: AsyncDatabase[Document],
    organization: Document,
    record: KafkaRecord,
) -> None:
    async def work(session: AsyncClientSession) -> None:
        await database["organizations"].insert_one(organization, session=session)
        await database[OUTBOX_COLLECTION].insert_one(_outbox_document(record), session=session)

    # Same call as the services' TransactionRunner: retries on transient errors included.
    async with client.start_session() as session:
        await session.with_transaction(work)


def _outbox_document(record: KafkaRecord) -> Document:
    # A new event id each time, as every registration has its own.
    return {**outbox_document(record), "event_id": str(uuid.uuid4())}
