"""A consumer told to stop (SIGTERM: uvicorn ends the lifespan, which stops the broker)
finishes the batch it is applying and commits its offsets, so no replica redoes it."""

from __future__ import annotations

import asyncio
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from pymongo.asynchronous.database import AsyncDatabase

from shared.consumer import IdempotentConsumer
from shared.contracts.registry import OrganizationRegistered
from shared.events import ReceivedEvent
from shared.kafka import create_broker, ensure_topics, record_publisher
from shared.mongo import MongoClient
from shared.outbox import Transaction, TransactionRunner
from shared.settings import ServiceSettings
from shared.subscription import subscribe
from tests.support.kafka import produce_record, read_topic
from tests.support.namespace import Namespace
from tests.support.polling import eventually
from tests.support.producers.registry import registered_record
from tests.support.services import SettingsFactory

TENANT = "1465011"
RECORDS = 5


class GatedEffect:
    """An effect that holds its batch in flight until the test opens the gate."""

    def __init__(self, database: AsyncDatabase[dict[str, Any]]) -> None:
        self.database = database
        self.entered = asyncio.Event()
        self.gate = asyncio.Event()

    async def __call__(self, transaction: Transaction, event: ReceivedEvent) -> None:
        self.entered.set()
        await self.gate.wait()
        await self.database["effects"].insert_one({"_id": event.id}, session=transaction.session)


async def _committed(settings: ServiceSettings, partitions: set[TopicPartition]) -> dict[Any, Any]:
    reader = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=settings.kafka_consumer_group,
        enable_auto_commit=False,
    )
    await reader.start()
    try:
        return {tp: await reader.committed(tp) for tp in partitions}
    finally:
        await reader.stop()


class TestGracefulShutdown:
    async def test_the_in_flight_batch_is_applied_and_committed(
        self, service_settings: SettingsFactory, namespace: Namespace, mongo: MongoClient
    ) -> None:
        settings = service_settings("notifications", namespace)
        topic = settings.topic(OrganizationRegistered.topic)
        await ensure_topics(settings, [topic])
        database = mongo[settings.mongodb_database]
        for name in ("inbox", "effects", "outbox"):
            await database.create_collection(name)
        records = [registered_record(tenant_id=TENANT, topic=topic) for _ in range(RECORDS)]
        for record in records:
            await produce_record(settings.kafka_bootstrap_servers, record)
        broker = create_broker(settings)
        effect = GatedEffect(database)
        consumer = IdempotentConsumer(
            database,
            TransactionRunner(mongo, database, source="notifications", topic_name=settings.topic),
            {OrganizationRegistered.event_type: effect},
            record_publisher(broker),
            name="notifications",
            dead_letter_topic=settings.topic("notifications.deadletter.v1"),
            max_attempts=3,
            topic_name=settings.topic,
        )
        subscribe(broker, settings, [topic], consumer, lambda records, outcomes: None)
        await broker.start()
        await asyncio.wait_for(effect.entered.wait(), 60)

        stopping = asyncio.create_task(broker.stop())  # what the lifespan does on SIGTERM
        [subscriber] = broker.subscribers
        await eventually(lambda: _stopped_reading(subscriber))
        assert not stopping.done()  # it waits for the batch in flight
        effect.gate.set()
        await stopping

        applied = {d["_id"] async for d in database["effects"].find()}
        assert applied  # the in-flight batch was finished, not dropped
        on_topic = await read_topic(settings.kafka_bootstrap_servers, topic)
        ids = {(r.partition, r.offset): dict(r.headers)["ce_id"].decode() for r in on_topic}
        partitions = {TopicPartition(topic, r.partition) for r in on_topic}
        committed = await _committed(settings, partitions)
        for record in on_topic:
            done = committed[TopicPartition(topic, record.partition)] or 0
            # Applied exactly when committed: nothing applied is redelivered, nothing is lost.
            applied_here = ids[record.partition, record.offset] in applied
            assert applied_here == (record.offset < done), (record.partition, record.offset, done)


async def _stopped_reading(subscriber: Any) -> None:
    assert subscriber.running is False
