"""A consumer whose log was lost or rewound starts again from the earliest retained record."""

from __future__ import annotations

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.structs import OffsetAndMetadata
from prometheus_client import REGISTRY

from shared.contracts.registry import OrganizationRegistered
from shared.settings import ServiceSettings
from tests.support.kafka import produce_record, read_topic
from tests.support.namespace import Namespace
from tests.support.polling import eventually
from tests.support.producers.registry import organization_registered, registered_record
from tests.support.services import ServiceClient, SettingsFactory, running_service

BEYOND = 1000


async def _recreate(settings: ServiceSettings, topic: str) -> None:
    """Delete and create the topic again, as an operator restoring a cluster would."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
    await admin.start()
    try:
        await admin.delete_topics([topic])
        await admin.create_topics([NewTopic(topic, settings.kafka_topic_partitions, 1)])
    finally:
        await admin.close()


async def _commit_beyond_the_end(settings: ServiceSettings, partition: TopicPartition) -> None:
    """Leave the group's committed offset past the log's end, as after a log was rewound."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=settings.kafka_consumer_group,
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        # Join the group as its only member, so the broker takes the commit.
        consumer.subscribe([partition.topic])
        await eventually(lambda: _assigned(consumer, partition))
        await consumer.commit({partition: OffsetAndMetadata(BEYOND, "")})
        assert await consumer.committed(partition) == BEYOND
    finally:
        await consumer.stop()


async def _assigned(consumer: AIOKafkaConsumer, partition: TopicPartition) -> None:
    await consumer.getmany(timeout_ms=100)
    assert partition in consumer.assignment()


async def _inbox_count(service: ServiceClient, tenant_id: str, count: int) -> None:
    collection = service.database["inbox_items"]
    assert await collection.count_documents({"tenant_id": tenant_id}) == count


def _resets(topic: str, reason: str) -> float:
    value = REGISTRY.get_sample_value(
        "consumer_offset_resets_total", {"topic": topic, "reason": reason}
    )
    return value or 0.0


async def _applied_three(settings: ServiceSettings, tenant_id: str) -> TopicPartition:
    """Run the service until three registrations of one organization show; return the partition."""
    topic = settings.topic(OrganizationRegistered.topic)
    event = organization_registered(organization_id=f"org-{tenant_id}")
    async with running_service(settings) as service:
        for _ in range(3):
            record = registered_record(tenant_id=tenant_id, topic=topic, event=event)
            await produce_record(settings.kafka_bootstrap_servers, record)
        await eventually(lambda: _inbox_count(service, tenant_id, 3))
    [partition] = {r.partition for r in await read_topic(settings.kafka_bootstrap_servers, topic)}
    return TopicPartition(topic, partition)


class TestRestartFromTheEarliestRecord:
    async def test_a_committed_offset_beyond_the_end_restarts_from_the_earliest_record(
        self, service_settings: SettingsFactory, namespace: Namespace, tenant_id: str
    ) -> None:
        settings = service_settings("notifications", namespace)
        partition = await _applied_three(settings, tenant_id)
        await _commit_beyond_the_end(settings, partition)
        event = organization_registered(organization_id=f"org-{tenant_id}")
        later = registered_record(tenant_id=tenant_id, topic=partition.topic, event=event)
        await produce_record(settings.kafka_bootstrap_servers, later)
        before = _resets(partition.topic, "beyond_end")

        async with running_service(settings) as service:
            await eventually(lambda: _inbox_count(service, tenant_id, 4))

        assert _resets(partition.topic, "beyond_end") == before + 1

    async def test_a_recreated_topic_is_read_from_its_start_and_the_reset_is_counted(
        self, service_settings: SettingsFactory, namespace: Namespace, tenant_id: str
    ) -> None:
        settings = service_settings("notifications", namespace)
        partition = await _applied_three(settings, tenant_id)
        await _recreate(settings, partition.topic)
        event = organization_registered(organization_id=f"org-{tenant_id}")
        later = registered_record(tenant_id=tenant_id, topic=partition.topic, event=event)
        await produce_record(settings.kafka_bootstrap_servers, later)
        before = _resets(partition.topic, "no_committed_offset")

        async with running_service(settings) as service:
            await eventually(lambda: _inbox_count(service, tenant_id, 4))

        assert _resets(partition.topic, "no_committed_offset") == before + 1
