"""Idempotent consumer: each event's effect commits once; poison goes to dead letters."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka import ConsumerRecord
from faststream.kafka import KafkaBroker
from pymongo.asynchronous.database import AsyncDatabase

from shared.consumer import IdempotentConsumer, Outcome
from shared.contracts.registry import OrganizationRegistered, OrganizationUpdated, TenantOnboarded
from shared.events import KafkaRecord, ReceivedEvent, encode_event
from shared.kafka import create_broker, ensure_topics, record_publisher
from shared.mongo import MongoClient
from shared.outbox import Transaction, TransactionRunner
from shared.runtime import record_publisher_confirmed
from shared.settings import ServiceSettings
from tests.support.kafka import headers_of, produce, produce_record, read_topic
from tests.support.namespace import Namespace
from tests.support.producers.registry import registered_record
from tests.support.services import SettingsFactory

Document = dict[str, Any]
TENANT = "1465011"
SOURCE_TOPIC = OrganizationRegistered.topic
TENANT_TOPIC = TenantOnboarded.topic
DEAD_LETTERS = "notifications.deadletter.v1"
OTHER_TOPIC = "grants.competition.v1"


class Effects:
    """Effects of registration events: write a row, failing the first `failures` times."""

    def __init__(self, database: AsyncDatabase[Document], failures: int = 0) -> None:
        self.database = database
        self.failures = failures
        self.calls = 0

    async def registered(self, transaction: Transaction, event: ReceivedEvent) -> None:
        self.calls += 1
        data = event.parse(OrganizationRegistered)
        await self.database["effects"].insert_one(
            {"event_id": event.id, "organization_id": data.organization_id},
            session=transaction.session,
        )
        if self.calls <= self.failures:
            raise ConnectionResetError("store went away mid-effect")


@pytest.fixture
async def settings(service_settings: SettingsFactory, namespace: Namespace) -> ServiceSettings:
    settings = service_settings("notifications", namespace)
    await ensure_topics(
        settings,
        [settings.topic(t) for t in (SOURCE_TOPIC, DEAD_LETTERS, OTHER_TOPIC, TENANT_TOPIC)],
    )
    return settings


@pytest.fixture
async def database(mongo: MongoClient, settings: ServiceSettings) -> AsyncDatabase[Document]:
    database = mongo[settings.mongodb_database]
    for name in ("inbox", "effects", "outbox"):
        await database.create_collection(name)
    return database


@pytest.fixture
async def broker(settings: ServiceSettings) -> AsyncIterator[KafkaBroker]:
    broker = create_broker(settings)
    await broker.start()
    yield broker
    await broker.stop()


def _consumer(
    mongo: MongoClient,
    database: AsyncDatabase[Document],
    settings: ServiceSettings,
    broker: KafkaBroker,
    effects: Effects,
    max_attempts: int = 3,
) -> IdempotentConsumer:
    queue = record_publisher(broker)

    async def publish_dead_letter(record: KafkaRecord) -> Any:
        return await (await queue(record))

    runner = TransactionRunner(mongo, database, source="notifications", topic_name=settings.topic)
    return IdempotentConsumer(
        database,
        runner,
        {OrganizationRegistered.event_type: effects.registered},
        publish_dead_letter,
        name="notifications",
        dead_letter_topic=settings.topic(DEAD_LETTERS),
        max_attempts=max_attempts,
        first_backoff=0.01,
        topic_name=settings.topic,
    )


async def _deliver(
    settings: ServiceSettings, record: KafkaRecord | None = None, **raw: Any
) -> ConsumerRecord[bytes, bytes]:
    """Put a record on the source topic and return it as a consumer receives it."""
    bootstrap, topic = settings.kafka_bootstrap_servers, settings.topic(SOURCE_TOPIC)
    seen = {(r.partition, r.offset) for r in await read_topic(bootstrap, topic)}
    if record is not None:
        await produce_record(bootstrap, record)
    else:
        await produce(bootstrap, topic, **raw)
    [new] = [r for r in await read_topic(bootstrap, topic) if (r.partition, r.offset) not in seen]
    return new


def _event(settings: ServiceSettings, **attributes: Any) -> KafkaRecord:
    return registered_record(tenant_id=TENANT, topic=settings.topic(SOURCE_TOPIC), **attributes)


class TestApplyEachEventOnce:
    async def test_the_same_record_delivered_twice_applies_once(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        consumer = _consumer(mongo, database, settings, broker, Effects(database))
        record = await _deliver(settings, _event(settings))

        assert await consumer.handle(record) is Outcome.APPLIED
        assert await consumer.handle(record) is Outcome.DUPLICATE
        assert await database["effects"].count_documents({}) == 1

    async def test_the_same_event_published_twice_applies_once(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        consumer = _consumer(mongo, database, settings, broker, Effects(database))
        event = _event(settings)
        first = await _deliver(settings, event)
        second = await _deliver(settings, event)
        assert second.offset != first.offset

        outcomes = [await consumer.handle(first), await consumer.handle(second)]

        assert outcomes == [Outcome.APPLIED, Outcome.DUPLICATE]
        assert await database["effects"].count_documents({}) == 1

    async def test_ignores_event_types_it_does_not_act_on(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        consumer = _consumer(mongo, database, settings, broker, Effects(database))
        record = _event(settings)
        record.headers["ce_type"] = OrganizationUpdated.event_type

        outcome = await consumer.handle(await _deliver(settings, record))

        assert outcome is Outcome.IGNORED
        assert await database["effects"].count_documents({}) == 0

    async def test_a_failed_attempt_leaves_no_trace_and_a_retry_applies_once(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        effects = Effects(database, failures=1)
        consumer = _consumer(mongo, database, settings, broker, effects)

        outcome = await consumer.handle(await _deliver(settings, _event(settings)))

        assert outcome is Outcome.APPLIED
        assert effects.calls == 2
        assert await database["effects"].count_documents({}) == 1
        assert await database["inbox"].count_documents({}) == 1


class TestDeadLetterPoison:
    async def test_a_record_that_is_not_a_cloud_event_goes_to_dead_letters_with_the_error(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        consumer = _consumer(mongo, database, settings, broker, Effects(database))
        poison = await _deliver(settings, value=b"<xml>not an event</xml>", key="org-1")

        assert await consumer.handle(poison) is Outcome.DEAD_LETTERED

        [dead] = await read_topic(settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS))
        headers = headers_of(dead)
        assert dead.value == b"<xml>not an event</xml>"
        assert dead.key == b"org-1"
        assert headers["dlt_reason"].startswith("not a CloudEvent")
        assert headers["dlt_consumer"] == "notifications"
        assert headers["dlt_topic"] == poison.topic
        assert (headers["dlt_partition"], headers["dlt_offset"]) == (
            str(poison.partition),
            str(poison.offset),
        )

    async def test_invalid_data_goes_to_dead_letters_without_retrying(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        effects = Effects(database)
        consumer = _consumer(mongo, database, settings, broker, effects)
        record = _event(settings)
        invalid = KafkaRecord(record.topic, record.key, b'{"name": 7}', record.headers)

        assert await consumer.handle(await _deliver(settings, invalid)) is Outcome.DEAD_LETTERED

        [dead] = await read_topic(settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS))
        headers = headers_of(dead)
        assert headers["dlt_reason"].startswith("invalid data")
        assert headers["dlt_attempts"] == "1"
        assert headers["ce_id"] == record.headers["ce_id"]
        assert effects.calls == 1
        assert await database["inbox"].count_documents({}) == 0

    async def test_an_effect_that_keeps_failing_goes_to_dead_letters_after_max_attempts(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        effects = Effects(database, failures=99)
        consumer = _consumer(mongo, database, settings, broker, effects, max_attempts=3)

        outcome = await consumer.handle(await _deliver(settings, _event(settings)))

        assert outcome is Outcome.DEAD_LETTERED
        [dead] = await read_topic(settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS))
        assert headers_of(dead)["dlt_attempts"] == "3"
        assert "store went away" in headers_of(dead)["dlt_reason"]
        assert await database["effects"].count_documents({}) == 0
        assert await database["inbox"].count_documents({}) == 0

    async def test_the_next_good_record_is_still_applied(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        consumer = _consumer(mongo, database, settings, broker, Effects(database))
        poison = await _deliver(settings, value=b"\x00\x01", key="org-1")
        good = await _deliver(settings, _event(settings))

        outcomes = [await consumer.handle(poison), await consumer.handle(good)]

        assert outcomes == [Outcome.DEAD_LETTERED, Outcome.APPLIED]
        assert await database["effects"].count_documents({}) == 1


async def _dead_letter_reason(settings: ServiceSettings) -> str:
    [dead] = await read_topic(settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS))
    return headers_of(dead)["dlt_reason"]


async def _onboarded(effects: Effects, transaction: Transaction, event: ReceivedEvent) -> None:
    effects.calls += 1


class TestRefuseEventsFromTheWrongPlace:
    async def test_an_event_from_another_service_goes_to_dead_letters(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        effects = Effects(database)
        consumer = _consumer(mongo, database, settings, broker, effects)
        forged = _event(settings, source="grants")

        assert await consumer.handle(await _deliver(settings, forged)) is Outcome.DEAD_LETTERED

        assert "source 'grants'" in await _dead_letter_reason(settings)
        assert effects.calls == 0
        assert await database["inbox"].count_documents({}) == 0

    async def test_an_event_on_another_services_topic_goes_to_dead_letters(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        effects = Effects(database)
        consumer = _consumer(mongo, database, settings, broker, effects)
        record = _event(settings)
        smuggled = KafkaRecord(
            settings.topic(OTHER_TOPIC), record.key, record.value, record.headers
        )
        await produce_record(settings.kafka_bootstrap_servers, smuggled)
        [received] = await read_topic(settings.kafka_bootstrap_servers, smuggled.topic)

        assert await consumer.handle(received) is Outcome.DEAD_LETTERED

        assert f"topic {smuggled.topic}" in await _dead_letter_reason(settings)
        assert effects.calls == 0

    async def test_a_tenantid_that_differs_from_the_data_goes_to_dead_letters(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        effects = Effects(database)
        runner = TransactionRunner(
            mongo, database, source="notifications", topic_name=settings.topic
        )
        consumer = IdempotentConsumer(
            database,
            runner,
            {TenantOnboarded.event_type: lambda t, e: _onboarded(effects, t, e)},
            record_publisher_confirmed(broker),
            name="notifications",
            dead_letter_topic=settings.topic(DEAD_LETTERS),
            max_attempts=1,
            topic_name=settings.topic,
        )
        event = TenantOnboarded(
            tenant_id="0264011", name="Wrocław", kind="municipality", onboarded_at=datetime.now(UTC)
        )
        record = encode_event(
            event,
            source="registry",
            tenant_id=TENANT,
            correlation_id="c-1",
            topic=settings.topic(TENANT_TOPIC),
        )
        await produce_record(settings.kafka_bootstrap_servers, record)
        [received] = await read_topic(settings.kafka_bootstrap_servers, record.topic)

        assert await consumer.handle(received) is Outcome.DEAD_LETTERED

        assert "differs from the tenant in its data" in await _dead_letter_reason(settings)
        assert effects.calls == 0


class TestApplyABatch:
    async def test_a_batch_commits_in_one_transaction_and_a_duplicate_applies_once(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        effects = Effects(database)
        consumer = _consumer(mongo, database, settings, broker, effects)
        records = [await _deliver(settings, _event(settings)) for _ in range(5)]

        assert await consumer.handle_batch(records) == [Outcome.APPLIED] * 5
        assert effects.calls == 5
        assert await consumer.handle_batch(records[:2]) == [Outcome.DUPLICATE] * 2
        assert await database["effects"].count_documents({}) == 5

    async def test_one_bad_record_among_good_ones_is_isolated_and_dead_lettered(
        self,
        mongo: MongoClient,
        database: AsyncDatabase[Document],
        settings: ServiceSettings,
        broker: KafkaBroker,
    ) -> None:
        consumer = _consumer(mongo, database, settings, broker, Effects(database))
        good = [_event(settings) for _ in range(4)]
        bad = KafkaRecord(good[0].topic, good[0].key, b'{"name": 7}', _event(settings).headers)
        records = [await _deliver(settings, r) for r in (good[0], good[1], bad, good[2], good[3])]

        outcomes = await consumer.handle_batch(records)

        assert outcomes == [Outcome.APPLIED] * 2 + [Outcome.DEAD_LETTERED] + [Outcome.APPLIED] * 2
        applied = await database["effects"].distinct("event_id")
        assert sorted(applied) == sorted(r.headers["ce_id"] for r in good)
        assert await database["effects"].count_documents({}) == 4
        assert await database["inbox"].count_documents({}) == 4
        assert (await _dead_letter_reason(settings)).startswith("invalid data")
