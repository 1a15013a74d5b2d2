"""What the benchmarks send: registration bodies, records and documents shaped like real ones."""

from __future__ import annotations

import asyncio
import copy
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection

from bench.catalog import BenchContext
from shared.contracts.registry import ORGANIZATION_TOPIC, OrganizationRegistered, TenantOnboarded
from shared.events import KafkaRecord, encode_event
from shared.outbox import OUTBOX_COLLECTION

__all__ = [
    "IndexSpec",
    "RegistrySamples",
    "index_specs",
    "latest_record",
    "organization_body",
    "read_registry_samples",
    "record_size",
    "stored_counts",
    "synthetic_record",
    "wait_tenant_known",
]

Document = dict[str, Any]
IndexSpec = tuple[list[tuple[str, Any]], dict[str, Any]]  # keys, options: picklable for children
_EVENT_TYPE = OrganizationRegistered.event_type
_LEGAL_FORMS = ("foundation", "association")
_TAIL = 20  # records read back from the end of each partition
_COPIED_INDEX_OPTIONS = ("sparse", "partialFilterExpression")  # not `unique`: copies repeat values


def organization_body(prefix: str, index: int) -> dict[str, str]:
    """Return a registration body with a unique name; identifiers are left out on purpose."""
    # Without KRS/NIP/REGON the registry does no checksum work: the flow measures the pipeline.
    return {"name": f"{prefix} {index:06d}", "legal_form": _LEGAL_FORMS[index % 2]}


@dataclass(frozen=True)
class RegistrySamples:
    """The registry's latest organization document and event, and its collections' indexes."""

    organization: Document | None = None
    record: KafkaRecord | None = None
    indexes: dict[str, list[IndexSpec]] = field(default_factory=dict)

    def organization_copy(self, tenant_id: str, index: int) -> Document:
        """Return a fresh organization document: the real one re-keyed, or a synthetic one."""
        if self.organization is None:
            return _synthetic_organization(tenant_id, index)
        document = copy.deepcopy(self.organization)
        document.update(_id=str(uuid.uuid4()), tenant_id=tenant_id)
        return document

    def event_record(self, tenant_id: str, topic: str) -> KafkaRecord:
        """Return the real event record on `topic`, or a synthetic one of the same contract."""
        if self.record is None:
            return synthetic_record(tenant_id, topic)
        return KafkaRecord(topic, self.record.key, self.record.value, dict(self.record.headers))

    def describe(self) -> dict[str, str]:
        """Return where the documents and records come from, for the report."""
        real, synthetic = "the registry's latest", "synthetic (no registration yet)"
        return {
            "document_source": real if self.organization else synthetic,
            "record_source": real if self.record else synthetic,
        }


async def read_registry_samples(ctx: BenchContext) -> RegistrySamples:
    """Read the registry's latest organization and indexes, and its latest registration event."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(ctx.mongodb_uri, tz_aware=True)
    try:
        db = client[ctx.service_database("registry")]
        organization = await db["organizations"].find_one({}, sort=[("_id", -1)])
        names = ("organizations", OUTBOX_COLLECTION)
        indexes = {name: await index_specs(db[name]) for name in names}
    finally:
        await client.close()
    # The relay deletes what it published, so the event comes from the topic itself.
    topic = f"{ctx.stack.topic_prefix}{ORGANIZATION_TOPIC}"
    record = await latest_record(ctx.kafka_bootstrap, topic, _EVENT_TYPE)
    return RegistrySamples(organization, record, indexes)


async def latest_record(bootstrap: str, topic: str, event_type: str) -> KafkaRecord | None:
    """Return the newest record of an event type among the last ones of each partition."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        if topic not in await consumer.topics():  # also loads the partitions' metadata
            return None
        numbers = consumer.partitions_for_topic(topic) or set()
        partitions = [TopicPartition(topic, n) for n in sorted(numbers)]
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        for partition, end in ends.items():
            consumer.seek(partition, max(0, end - _TAIL))
        newest: tuple[int, KafkaRecord] | None = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and await _behind(consumer, ends):
            batches = await consumer.getmany(timeout_ms=500)
            for record in (r for batch in batches.values() for r in batch):
                headers = {name: value.decode() for name, value in record.headers}
                if headers.get("ce_type") != event_type:
                    continue
                if newest is None or record.timestamp > newest[0]:
                    key, value = (record.key or b"").decode(), record.value or b""
                    newest = (record.timestamp, KafkaRecord(topic, key, value, headers))
        return newest[1] if newest else None
    finally:
        await consumer.stop()


async def _behind(consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int]) -> bool:
    return any([await consumer.position(p) < end for p, end in ends.items()])


async def stored_counts(uri: str, database: str) -> dict[str, int]:
    """Return how many documents each collection of a database holds."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(uri, tz_aware=True)
    try:
        db = client[database]
        names = sorted(await db.list_collection_names())
        return {name: await db[name].count_documents({}) for name in names}
    finally:
        await client.close()


async def wait_tenant_known(uri: str, database: str, tenant_id: str, within: float = 60) -> None:
    """Wait until a consumer's inbox holds the tenant's onboarding: its events apply at once."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(uri, tz_aware=True)
    query = {"type": TenantOnboarded.event_type, "tenant_id": tenant_id}
    try:
        for _ in range(int(within / 0.05)):
            if await client[database]["inbox"].find_one(query, projection={"_id": 1}):
                return
            await asyncio.sleep(0.05)
    finally:
        await client.close()
    raise TimeoutError(f"{database} never learned of tenant {tenant_id}")


async def index_specs(collection: AsyncCollection[Document]) -> list[IndexSpec]:
    """Return a collection's secondary indexes as picklable specs, uniqueness left out."""
    specs = []
    async for index in await collection.list_indexes():
        keys = [(name, order) for name, order in dict(index["key"]).items() if name != "_id"]
        options = {k: index[k] for k in _COPIED_INDEX_OPTIONS if k in index}
        if keys:
            specs.append((keys, {"name": index["name"], **options}))
    return specs


def synthetic_record(tenant_id: str, topic: str) -> KafkaRecord:
    """Return an OrganizationRegistered event encoded as the registry's relay would send it."""
    event = OrganizationRegistered(
        organization_id=str(uuid.uuid4()),
        name="Fundacja Benchmarkowa 0000 000000",
        legal_form="foundation",
        registered_by=f"bench-officer-{tenant_id}",
        registered_at=datetime.now(UTC),
    )
    return encode_event(
        event, source="registry", tenant_id=tenant_id, correlation_id=str(uuid.uuid4()), topic=topic
    )


def record_size(record: KafkaRecord) -> int:
    """Return the bytes of key, value and headers of a record."""
    headers = sum(len(k) + len(v.encode()) for k, v in record.headers.items())
    return len(record.key.encode()) + len(record.value) + headers


def _synthetic_organization(tenant_id: str, index: int) -> Document:
    return {
        "_id": str(uuid.uuid4()),
        "tenant_id": tenant_id,
        "name": f"Fundacja Benchmarkowa raw {index:06d}",
        "legal_form": _LEGAL_FORMS[index % 2],
        "registered_by": f"bench-officer-{tenant_id}",
        "registered_at": datetime.now(UTC),
    }
