"""Transactional outbox: state and events commit together; the relay publishes them in order."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from faststream.kafka import KafkaBroker
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import OperationFailure

from deploy.local.servers import EmbeddedServer, start_kafka
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.registry import OrganizationRegistered
from shared.events import KafkaRecord
from shared.kafka import create_broker, ensure_topics, record_publisher
from shared.lease import Lease
from shared.mongo import MongoClient
from shared.outbox import (
    OUTBOX_COLLECTION,
    Transaction,
    TransactionRunner,
    outbox_key,
)
from shared.outbox_relay import OutboxRelay
from shared.recording import EventRecorder
from shared.settings import ServiceSettings
from shared.tenancy import TenantContext
from tests.support.factories import organization_registered
from tests.support.kafka import headers_of, read_topic
from tests.support.namespace import Namespace
from tests.support.polling import eventually
from tests.support.services import SettingsFactory

Document = dict[str, Any]
TENANT = TenantContext("1465011")


class Boom(RuntimeError):
    """A failure inside a unit of work."""


@dataclass
class _NewAggregate:
    tenant_id: str
    events: list[EventContract]

    def __post_init__(self) -> None:
        self.events_recorded = list(self.events)


@pytest.fixture
async def settings(service_settings: SettingsFactory, namespace: Namespace) -> ServiceSettings:
    settings = service_settings("registry", namespace)
    await ensure_topics(settings, [settings.topic(OrganizationRegistered.topic)])
    return settings


@pytest.fixture
async def broker(settings: ServiceSettings) -> AsyncIterator[KafkaBroker]:
    broker = create_broker(settings)
    await broker.start()
    yield broker
    await broker.stop()


@pytest.fixture
async def database(mongo: MongoClient, settings: ServiceSettings) -> AsyncDatabase[Document]:
    database = mongo[settings.mongodb_database]
    # Collections exist before the first transaction, as start_runtime makes sure.
    for name in ("organizations", OUTBOX_COLLECTION, "leases"):
        await database.create_collection(name)
    return database


def _runner(
    mongo: MongoClient,
    database: AsyncDatabase[Document],
    settings: ServiceSettings,
    on_commit: Callable[[], None] = lambda: None,
) -> TransactionRunner:
    return TransactionRunner(
        mongo, database, source="registry", topic_name=settings.topic, on_commit=on_commit
    )


def _relay(database: AsyncDatabase[Document], publish: Any, **options: Any) -> OutboxRelay:
    return OutboxRelay(
        database,
        publish,
        Lease(database, "outbox-relay"),
        poll_seconds=options.pop("poll_seconds", 0.05),
        batch_size=options.pop("batch_size", 100),
        **options,
    )


async def _register(
    runner: TransactionRunner, database: AsyncDatabase[Document], event: OrganizationRegistered
) -> str:
    """Write a piece of state and its event in one unit of work; return the event id."""

    async def work(transaction: Transaction) -> str:
        await database["organizations"].insert_one(
            {"_id": new_id(), "organization_id": event.organization_id, "name": event.name},
            session=transaction.session,
        )
        return await transaction.emit(event, tenant=TENANT)

    return await runner.run(work)


class TestUnitOfWork:
    async def test_commits_state_and_event_together(
        self, mongo: MongoClient, database: AsyncDatabase[Document], settings: ServiceSettings
    ) -> None:
        event = organization_registered()

        event_id = await _register(_runner(mongo, database, settings), database, event)

        assert await database["organizations"].find_one({"organization_id": event.organization_id})
        [record] = await database[OUTBOX_COLLECTION].find({}).to_list()
        assert record["event_id"] == event_id
        assert record["tenant_id"] == TENANT.tenant_id
        assert record["key"] == event.organization_id
        assert record["topic"] == settings.topic(OrganizationRegistered.topic)
        assert record["headers"]["ce_type"] == OrganizationRegistered.event_type

    async def test_failure_leaves_neither_state_nor_event(
        self, mongo: MongoClient, database: AsyncDatabase[Document], settings: ServiceSettings
    ) -> None:
        event = organization_registered()

        async def work(transaction: Transaction) -> None:
            await database["organizations"].insert_one(
                {"_id": event.organization_id, "tenant_id": TENANT.tenant_id},
                session=transaction.session,
            )
            await transaction.emit(event, tenant=TENANT)
            raise Boom("the rule check failed after the writes")

        with pytest.raises(Boom):
            await _runner(mongo, database, settings).run(work)

        assert await database["organizations"].count_documents({}) == 0
        assert await database[OUTBOX_COLLECTION].count_documents({}) == 0

    async def test_a_retried_attempt_records_an_aggregates_events_again_and_once(
        self, mongo: MongoClient, database: AsyncDatabase[Document], settings: ServiceSettings
    ) -> None:
        # Built before the unit of work, as a registration's new aggregate is.
        aggregate = _NewAggregate(TENANT.tenant_id, [organization_registered()])
        attempts = 0

        async def work(transaction: Transaction) -> None:
            nonlocal attempts
            attempts += 1
            await EventRecorder().record(transaction, aggregate)
            if attempts == 1:
                transient = OperationFailure("write conflict")
                transient._add_error_label("TransientTransactionError")
                raise transient

        await _runner(mongo, database, settings).run(work)

        assert attempts == 2
        [record] = await database[OUTBOX_COLLECTION].find({}).to_list()
        assert record["key"] == aggregate.events_recorded[0].organization_id
        assert aggregate.events == []

    async def test_wakes_the_relay_only_after_a_commit_with_events(
        self, mongo: MongoClient, database: AsyncDatabase[Document], settings: ServiceSettings
    ) -> None:
        wakes: list[str] = []
        runner = _runner(mongo, database, settings, on_commit=lambda: wakes.append("wake"))

        async def no_events(transaction: Transaction) -> None:
            await database["organizations"].insert_one({"_id": "x"}, session=transaction.session)

        async def failing(transaction: Transaction) -> None:
            await transaction.emit(organization_registered(), tenant=TENANT)
            raise Boom

        await runner.run(no_events)
        with pytest.raises(Boom):
            await runner.run(failing)
        assert wakes == []

        await _register(runner, database, organization_registered())
        assert wakes == ["wake"]


class TestRelayPublishes:
    async def test_in_commit_order_per_key_and_removes_what_was_sent(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        runner = _runner(mongo, database, settings)
        committed: dict[str, list[str]] = defaultdict(list)
        for step in range(8):
            organization_id = f"org-{step % 3}"
            event = organization_registered(organization_id=organization_id, name=f"Step {step}")
            committed[organization_id].append(await _register(runner, database, event))

        published = await _relay(database, record_publisher(broker)).publish_pending()

        assert published == 8
        records = await read_topic(settings.kafka_bootstrap_servers, _topic(settings))
        on_topic: dict[str, list[str]] = defaultdict(list)
        for record in records:
            on_topic[record.key.decode()].append(headers_of(record)["ce_id"])
        assert on_topic == committed
        assert await database[OUTBOX_COLLECTION].count_documents({}) == 0

    async def test_never_publishes_the_event_of_a_transaction_still_open(
        self, mongo: MongoClient, database: AsyncDatabase[Document], settings: ServiceSettings
    ) -> None:
        runner = TransactionRunner(
            mongo, database, source="registry", topic_name=settings.topic, serial=True
        )
        publisher = FlakyPublisher()
        relay = _relay(database, publisher, guard=runner.between_transactions)
        emitted = asyncio.Event()

        async def rolled_back(transaction: Transaction) -> None:
            await transaction.emit(organization_registered(), tenant=TENANT)
            emitted.set()
            await asyncio.sleep(0.2)  # the relay looks at the outbox meanwhile
            raise Boom("a rule failed after the event was written")

        writing = asyncio.create_task(runner.run(rolled_back))
        await emitted.wait()
        published = await relay.publish_pending()

        with pytest.raises(Boom):
            await writing
        # Real MongoDB isolates the open transaction; NX-27017 would show its write to anyone.
        assert (published, publisher.delivered) == (0, [])

    async def test_nothing_when_nothing_is_pending(
        self, database: AsyncDatabase[Document], broker: KafkaBroker
    ) -> None:
        assert await _relay(database, record_publisher(broker)).publish_pending() == 0

    async def test_stops_where_the_broker_failed_and_resumes_in_order(
        self, mongo: MongoClient, database: AsyncDatabase[Document], settings: ServiceSettings
    ) -> None:
        runner = _runner(mongo, database, settings)
        committed = [
            await _register(runner, database, organization_registered(organization_id="org-1"))
            for _ in range(5)
        ]
        flaky = FlakyPublisher(fail_from=committed[2])
        relay = _relay(database, flaky)

        with pytest.raises(ConnectionError):
            await relay.publish_pending()
        assert await relay.pending() == 3

        flaky.recover()
        assert await relay.publish_pending() == 3
        assert flaky.delivered == committed
        assert await relay.pending() == 0


class TestRelayKeepsWhatItPublished:
    async def test_a_published_record_stays_with_the_brokers_answer(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        event_id = await _register(
            _runner(mongo, database, settings), database, organization_registered()
        )

        relay = _relay(database, record_publisher(broker))
        assert await relay.publish_pending() == 1

        [kept] = [record async for record in relay.published.records()]
        assert kept["event_id"] == event_id
        assert kept["topic"] == _topic(settings)
        assert kept["partition"] in range(settings.kafka_topic_partitions)
        assert kept["offset"] >= 0
        assert await database[OUTBOX_COLLECTION].count_documents({}) == 0

    async def test_the_relay_purges_records_older_than_the_retention(
        self, mongo: MongoClient, database: AsyncDatabase[Document], settings: ServiceSettings
    ) -> None:
        runner = _runner(mongo, database, settings)
        recent = await _register(runner, database, organization_registered())
        old = {**(await database[OUTBOX_COLLECTION].find_one({})), "event_id": "old"}
        old["_id"] = outbox_key(datetime.now(UTC) - timedelta(days=15))
        relay = _relay(database, FlakyPublisher(), retention=timedelta(days=14))
        await relay.published.move([old], [(0, 0)], cluster_id="")

        task = asyncio.create_task(relay.run_forever())
        try:

            async def purged() -> None:
                kept = [record["event_id"] async for record in relay.published.records()]
                assert kept == [recent]

            await eventually(purged)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


class TestRequeue:
    async def test_puts_back_each_record_of_the_period_once_in_creation_order(
        self, mongo: MongoClient, database: AsyncDatabase[Document], settings: ServiceSettings
    ) -> None:
        runner = _runner(mongo, database, settings)
        await _register(runner, database, organization_registered())
        since = datetime.now(UTC)
        wanted = [await _register(runner, database, organization_registered()) for _ in range(3)]
        relay = _relay(database, FlakyPublisher())
        await relay.publish_pending()
        await relay.published.requeue()  # everything once more: each record in two segments
        await relay.publish_pending()

        assert await relay.published.requeue(since=since) == 3

        pending = await database[OUTBOX_COLLECTION].find({}).sort("_id").to_list()
        assert [record["event_id"] for record in pending] == wanted
        assert "partition" not in pending[0]


class TestRelaySettings:
    def test_the_lease_is_renewed_before_it_lapses(
        self, service_settings: SettingsFactory, namespace: Namespace
    ) -> None:
        with pytest.raises(ValueError, match="outbox_lease_renew_seconds"):
            service_settings(
                "registry", namespace, outbox_lease_seconds=2, outbox_lease_renew_seconds=2
            )


class TestRelaySurvivesBrokerOutage:
    async def test_publishes_what_was_committed_while_the_broker_was_away(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        service_settings: SettingsFactory,
        namespace: Namespace,
        tmp_path: Any,
    ) -> None:
        kafka = start_kafka(tmp_path / "kafka")
        try:
            settings = service_settings(
                "registry",
                namespace,
                kafka_bootstrap_servers=kafka.url,
                kafka_idempotent_producer=False,
            )
            await _outage_scenario(mongo, database, settings, kafka, tmp_path)
        finally:
            kafka.stop()


async def _outage_scenario(
    mongo: MongoClient,
    database: AsyncDatabase[Document],
    settings: ServiceSettings,
    kafka: EmbeddedServer,
    tmp_path: Any,
) -> None:
    topic = _topic(settings)
    await ensure_topics(settings, [topic])
    broker = create_broker(settings)
    await broker.start()
    publish = record_publisher(broker)
    attempted: list[str] = []

    async def watched(record: KafkaRecord) -> Any:
        attempted.append(record.headers["ce_id"])
        return await publish(record)

    relay = _relay(database, watched)
    runner = _runner(mongo, database, settings, on_commit=relay.wake)
    task = asyncio.create_task(relay.run_forever())
    try:
        before = await _register(runner, database, organization_registered())
        await eventually(lambda: _published(relay))
        assert [headers_of(r)["ce_id"] for r in await read_topic(kafka.url, topic)] == [before]

        kafka.process.kill()  # a crash, not a graceful stop
        kafka.process.wait()
        during = [
            await _register(runner, database, organization_registered(organization_id="org-1"))
            for _ in range(3)
        ]

        async def tried_during_outage() -> None:
            assert during[0] in attempted

        await eventually(tried_during_outage)
        assert await relay.pending() == 3
        restarted = start_kafka(tmp_path / "kafka", port=kafka.port)
        kafka.process = restarted.process
        # Tansu keeps topics in memory only: the restarted broker starts empty.
        await ensure_topics(settings, [topic])

        await eventually(lambda: _published(relay), timeout=60)
        delivered = [headers_of(r)["ce_id"] for r in await read_topic(kafka.url, topic)]
        assert [event_id for event_id in delivered if event_id in during] == during
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await broker.stop()


async def _published(relay: OutboxRelay) -> None:
    assert await relay.pending() == 0


def _topic(settings: ServiceSettings) -> str:
    return settings.topic(OrganizationRegistered.topic)


class FlakyPublisher:
    """Records deliveries; the broker goes away at one record for the rest of that batch."""

    def __init__(self, fail_from: str | None = None) -> None:
        self.delivered: list[str] = []
        self._fail_from = fail_from
        self._down = False

    async def __call__(self, record: KafkaRecord) -> asyncio.Future[None]:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        event_id = record.headers["ce_id"]
        if event_id == self._fail_from:
            self._fail_from, self._down = None, True
        if self._down:
            future.set_exception(ConnectionError("broker went away"))
        else:
            self.delivered.append(event_id)
            future.set_result(None)
        return future

    def recover(self) -> None:
        """Let the broker answer again."""
        self._down = False
