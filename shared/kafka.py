"""Kafka plumbing on FastStream: the broker, topic creation and the relay's publisher."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient
from faststream.kafka import KafkaBroker

from shared.events import KafkaRecord
from shared.kafka_security import client_security, kafka_security
from shared.logging import get_logger
from shared.settings import ServiceSettings
from shared.topics import create_missing_topics

__all__ = [
    "client_security",
    "create_broker",
    "ensure_topics",
    "kafka_security",
    "record_publisher",
]

log = get_logger(__name__)


def create_broker(settings: ServiceSettings) -> KafkaBroker:
    """Create the service's broker (not yet connected)."""
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=settings.service_name,
        enable_idempotence=settings.kafka_idempotent_producer,
        acks="all",
        logger=None,
        security=kafka_security(settings),
    )


async def ensure_topics(settings: ServiceSettings, topics: Iterable[str]) -> None:
    """Create missing topics with the configured partitions; existing ones are left alone."""
    wanted = sorted(set(topics))
    if not wanted:
        return
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=settings.service_name,
        **client_security(settings),
    )
    await admin.start()
    try:
        await create_missing_topics(
            admin,
            wanted,
            partitions=settings.kafka_topic_partitions,
            replication=settings.kafka_topic_replication,
        )
    finally:
        await admin.close()


def record_publisher(broker: KafkaBroker) -> Any:
    """Return a function that queues a record on the broker and returns its delivery future."""

    async def publish(record: KafkaRecord) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = await broker.publish(
            record.value,
            record.topic,
            key=record.key.encode("utf-8"),
            headers=record.headers,
            no_confirm=True,
        )
        return future

    return publish
