"""The local broker's topics, made at once when a restarted Tansu (memory only) has none."""

from __future__ import annotations

import asyncio

from aiokafka.admin import AIOKafkaAdminClient

from shared.contracts import registered_contracts
from shared.topics import create_missing_topics

__all__ = ["CONSUMING_SERVICES", "create_platform_topics", "platform_topics"]

# The services with Kafka consumers, hence a dead-letter topic (deploy/topics.yaml).
CONSUMING_SERVICES = ("grants", "consultations", "notifications")


def platform_topics(prefix: str = "") -> list[str]:
    """Return every topic of the platform: event topics and dead-letter topics."""
    topics = {contract.topic for contract in registered_contracts().values()}
    topics |= {f"{service}.deadletter.v1" for service in CONSUMING_SERVICES}
    return sorted(prefix + topic for topic in topics)


def create_platform_topics(bootstrap: str, prefix: str = "", partitions: int = 3) -> list[str]:
    """Create the platform's topics the broker lacks; return their names."""
    return asyncio.run(_create(bootstrap, platform_topics(prefix), partitions))


async def _create(bootstrap: str, topics: list[str], partitions: int) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="local-launcher")
    await admin.start()
    try:
        return await create_missing_topics(admin, topics, partitions=partitions, replication=1)
    finally:
        await admin.close()
