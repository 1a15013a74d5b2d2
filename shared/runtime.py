"""Process-wide resources of a service, built once at start-up and closed at shutdown."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Generic

from faststream.kafka import KafkaBroker
from prometheus_client import Counter, Gauge
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import CollectionInvalid
from typing_extensions import TypeVar

from shared.auth import JwtVerifier
from shared.consumer import INBOX_COLLECTION, EventEffect, IdempotentConsumer, Outcome
from shared.deadletters import dead_letter_topic
from shared.http.idempotency import IDEMPOTENCY_COLLECTION
from shared.kafka import create_broker, ensure_topics, record_publisher
from shared.lease import LEASE_COLLECTION, Lease
from shared.logging import get_logger
from shared.mongo import Document, MongoClient, connect, ensure_indexes
from shared.outbox import OUTBOX_COLLECTION, TransactionRunner
from shared.outbox_log import PublishedLog
from shared.outbox_relay import OutboxRelay
from shared.relay_check import BrokerCheck
from shared.settings import ServiceSettings
from shared.subscription import ConsumerProgress, subscribe
from shared.tasks import STOP_SECONDS, stop_tasks
from shared.tenant_gate import INDEXED_STORES
from shared.topics import BrokerWatch

__all__ = ["Effects", "Runtime", "ServiceSpec", "dead_letter_topic", "start_runtime"]

CONSUMED = Counter("events_consumed_total", "Events consumed", ["topic", "outcome"])
BROKER_STOP_SECONDS = 20.0  # within the pods' termination grace period
OUTBOX_PENDING = Gauge("outbox_pending_events", "Committed events not yet published to Kafka")
BACKLOG_EVERY_SECONDS = 15.0
log = get_logger(__name__)
# Logical topic -> event type -> what consuming it does (a service's handler table, bound).
Effects = Mapping[str, Mapping[str, EventEffect]]
# The default keeps a bare `Runtime` meaning any service settings, as before it was generic.
S = TypeVar("S", bound=ServiceSettings, default=ServiceSettings)


@dataclass(frozen=True)
class ServiceSpec:
    """What a service plugs into the shared runtime."""

    produces: Sequence[str] = ()
    repositories: Sequence[type] = ()


@dataclass(frozen=True)
class Runtime(Generic[S]):
    """Clients and plumbing shared by a service's routes and handlers, typed by its settings."""

    settings: S
    mongo: MongoClient
    database: AsyncDatabase[Document]
    broker: KafkaBroker
    transactions: TransactionRunner
    verifier: JwtVerifier
    relay: OutboxRelay
    consumers: list[ConsumerProgress] = field(default_factory=list)

    async def ready(self) -> dict[str, bool]:
        """Check that the store and the broker answer, and that no consumer is stuck."""
        store = broker = False
        with contextlib.suppress(Exception):
            store = (await asyncio.wait_for(self.mongo.admin.command("ping"), 2)).get("ok") == 1
        with contextlib.suppress(Exception):
            broker = await self.broker.ping(timeout=2)
        checks = {"mongodb": store, "kafka": broker}
        if self.consumers:
            checks["consumer"] = not await self._consumers_stalled()
        return checks

    async def _consumers_stalled(self) -> bool:
        try:
            stalls = [await asyncio.wait_for(p.stalled(), 2) for p in self.consumers]
        except Exception:
            return True
        return any(stalls)


def _count(records: Sequence[Any], outcomes: Sequence[Outcome]) -> None:
    for record, outcome in zip(records, outcomes, strict=True):
        CONSUMED.labels(record.topic, outcome.value).inc()


@contextlib.asynccontextmanager
async def start_runtime(
    settings: S, spec: ServiceSpec, *, handlers: Callable[[Runtime[S]], Effects]
) -> AsyncIterator[Runtime[S]]:
    """Connect to MongoDB and Kafka, prepare indexes and topics, run the relay and consumers.

    `handlers` returns what consuming each event does (built by the service's bootstrap from
    this runtime, once the store is prepared).
    """
    mongo = connect(settings.mongodb_uri)
    database = mongo[settings.mongodb_database]
    broker = create_broker(settings)
    transactions = TransactionRunner(
        mongo,
        database,
        source=settings.service_name,
        topic_name=settings.topic,
        on_commit=lambda: relay.wake(),
        serial=await _serial_transactions(settings, mongo),
    )
    watch = BrokerWatch(settings, [settings.topic(t) for t in spec.produces])
    relay = _relay(settings, database, broker, watch, transactions)
    runtime = Runtime(
        settings=settings,
        mongo=mongo,
        database=database,
        broker=broker,
        transactions=transactions,
        verifier=JwtVerifier(
            settings.auth_jwks_url, issuer=settings.auth_issuer, audience=settings.auth_audience
        ),
        relay=relay,
    )
    await _prepare_store(database, spec)
    effects = handlers(runtime)
    consumed = [settings.topic(t) for t in effects]
    topics = [settings.topic(t) for t in spec.produces] + consumed
    if consumed:
        topics.append(dead_letter_topic(settings))
    await ensure_topics(settings, topics)
    sweeps: list[IdempotentConsumer] = []
    if consumed:
        # Event types are unique across topics, so one consumer dispatches them all.
        by_type = {
            kind: effect for per_topic in effects.values() for kind, effect in per_topic.items()
        }
        consumer = IdempotentConsumer(
            database,
            runtime.transactions,
            by_type,
            record_publisher_confirmed(broker),
            name=settings.service_name,
            dead_letter_topic=dead_letter_topic(settings),
            max_attempts=settings.consumer_max_attempts,
            topic_name=settings.topic,
            hold_unknown_tenants=(
                timedelta(seconds=settings.consumer_unknown_tenant_seconds)
                if settings.consumer_require_known_tenant
                else None
            ),
        )
        runtime.consumers.append(subscribe(broker, settings, consumed, consumer, _count))
        sweeps.append(consumer)
    await broker.start()
    tasks = [asyncio.create_task(relay.run_forever(), name="outbox-relay")]
    tasks.append(asyncio.create_task(_gauge_backlog(relay), name="outbox-backlog"))
    tasks += [asyncio.create_task(_sweep_forever(c, settings), name="parked") for c in sweeps]
    watches = [p.watch for p in runtime.consumers if p.watch is not None]
    tasks += [asyncio.create_task(watch(), name="consumer-watch") for watch in watches]
    log.info("service.started", service=settings.service_name, topics=topics)
    try:
        yield runtime
    finally:
        await stop_tasks(tasks)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(relay._lease.release(), STOP_SECONDS)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(watch.close(), STOP_SECONDS)
        await _stop_broker(broker)
        await mongo.close()


def _relay(
    settings: ServiceSettings,
    database: AsyncDatabase[Document],
    broker: KafkaBroker,
    watch: BrokerWatch,
    transactions: TransactionRunner,
) -> OutboxRelay:
    """Build the outbox relay: its lease, its broker check and its retention."""
    published = PublishedLog(database, OUTBOX_COLLECTION)
    return OutboxRelay(
        database,
        record_publisher(broker),
        Lease(database, "outbox-relay", ttl=timedelta(seconds=settings.outbox_lease_seconds)),
        poll_seconds=settings.outbox_poll_seconds,
        batch_size=settings.outbox_batch_size,
        guard=transactions.between_transactions,
        retention=timedelta(days=settings.outbox_retention_days),
        renew_seconds=settings.outbox_lease_renew_seconds,
        check=BrokerCheck(watch, published, every=settings.outbox_broker_check_seconds),
    )


def record_publisher_confirmed(broker: KafkaBroker) -> Callable[[Any], Any]:
    """Return a publisher that waits until the broker has the record."""
    queue = record_publisher(broker)

    async def publish(record: Any) -> Any:
        return await (await queue(record))

    return publish


async def _stop_broker(broker: KafkaBroker) -> None:
    """Stop the broker's clients, giving up after a bound: a stop must never hang."""
    # A consumer caught in a rebalance can wait on its group forever; what it had not
    # committed is redelivered to the next member, and the inbox makes that harmless.
    try:
        await asyncio.wait_for(broker.stop(), BROKER_STOP_SECONDS)
    except TimeoutError:
        log.warning("broker.stop_timed_out", seconds=BROKER_STOP_SECONDS)


async def _gauge_backlog(relay: OutboxRelay) -> None:
    """Publish the outbox backlog to /metrics: a growing one means Kafka refuses or lags."""
    while True:
        with contextlib.suppress(Exception):
            OUTBOX_PENDING.set(await relay.pending())
        await asyncio.sleep(BACKLOG_EVERY_SECONDS)


async def _sweep_forever(consumer: IdempotentConsumer, settings: ServiceSettings) -> None:
    """Dead-letter, now and then, parked events whose tenant never came."""
    interval = min(30.0, settings.consumer_unknown_tenant_seconds / 4)
    while True:
        await asyncio.sleep(interval)
        try:
            await consumer.sweep()
        except Exception as error:  # the store may be away; the next round tries again
            log.warning("consumer.parked.sweep_failed", error=repr(error))


async def _serial_transactions(settings: ServiceSettings, mongo: MongoClient) -> bool:
    """Decide whether transactions must not overlap in this process."""
    if settings.mongodb_serial_transactions != "auto":
        return settings.mongodb_serial_transactions == "on"
    hello = await mongo.admin.command("hello")
    # Real MongoDB runs transactions only on a replica set or through mongos; a standalone
    # answer from a server that runs them is NX-27017, which cannot interleave them.
    serial = "setName" not in hello and hello.get("msg") != "isdbgrid"
    if serial:
        log.info("mongo.transactions.serial", reason="standalone topology")
    return serial


async def _prepare_store(database: AsyncDatabase[Document], spec: ServiceSpec) -> None:
    await ensure_indexes(database, [*spec.repositories, *INDEXED_STORES])
    # NX-27017 fails a transaction's commit when its first write created the collection,
    # so every collection a transaction may touch exists before the first request.
    names = {getattr(r, "collection_name", "") for r in spec.repositories}
    names |= {INBOX_COLLECTION, LEASE_COLLECTION, IDEMPOTENCY_COLLECTION, OUTBOX_COLLECTION}
    existing = set(await database.list_collection_names())
    for name in sorted(names - existing - {""}):
        with contextlib.suppress(CollectionInvalid):
            await database.create_collection(name)
