"""What the broker holds now: its cluster id, the service's topics and how far their logs reach."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from shared.kafka_security import client_security
from shared.logging import get_logger
from shared.settings import ServiceSettings

__all__ = ["BrokerWatch", "Partition", "create_missing_topics"]

log = get_logger(__name__)
_TOPIC_EXISTS = TopicAlreadyExistsError.errno
Partition = tuple[str, int]


async def create_missing_topics(
    admin: AIOKafkaAdminClient, topics: Iterable[str], *, partitions: int, replication: int
) -> list[str]:
    """Create those of `topics` the broker lacks; return their names."""
    # Listing all topics asks for no topic by name: brokers that create a topic on a
    # metadata request for it (Tansu) would otherwise make it with their own partition count.
    existing = set(await admin.list_topics())
    missing = [
        NewTopic(name, partitions, replication)
        for name in sorted(set(topics))
        if name not in existing
    ]
    if not missing:
        return []
    response = await admin.create_topics(missing)
    for topic, code, *_ in response.topic_errors:
        if code not in (0, _TOPIC_EXISTS):
            raise RuntimeError(f"cannot create topic {topic}: error {code}")
    created = [topic.name for topic in missing]
    log.info("kafka.topics.created", topics=created)
    return created


class BrokerWatch:
    """Asks the broker, for the outbox relay, whether it still has what was published."""

    def __init__(self, settings: ServiceSettings, topics: Iterable[str]) -> None:
        self._settings = settings
        self.topics = sorted(set(topics))
        self._admin: AIOKafkaAdminClient | None = None
        self._reader: AIOKafkaConsumer | None = None

    async def cluster_id(self) -> str:
        """Return the id of the cluster the bootstrap servers belong to now."""
        admin = await self._admin_client()
        try:
            answer: dict[str, Any] = await admin.describe_cluster()
        except Exception:
            await self.close()  # a fresh connection next time: the broker may have restarted
            raise
        return str(answer.get("cluster_id") or "")

    async def ensure_topics(self, extra: Iterable[str] = ()) -> list[str]:
        """Create the service's topics (and `extra` ones) that the broker lacks."""
        admin = await self._admin_client()
        try:
            return await create_missing_topics(
                admin,
                [*self.topics, *extra],
                partitions=self._settings.kafka_topic_partitions,
                replication=self._settings.kafka_topic_replication,
            )
        except Exception:
            await self.close()
            raise

    async def end_offsets(self, partitions: Iterable[Partition]) -> Mapping[Partition, int]:
        """Return the end offset (next offset to be written) of each partition."""
        wanted = [TopicPartition(topic, number) for topic, number in partitions]
        if not wanted:
            return {}
        reader = await self._reader_client()
        try:
            ends = await reader.end_offsets(wanted)
        except Exception:
            await self.close()
            raise
        return {(tp.topic, tp.partition): offset for tp, offset in ends.items()}

    async def close(self) -> None:
        """Close the clients; the next question opens them again."""
        admin, reader, self._admin, self._reader = self._admin, self._reader, None, None
        if admin is not None:
            await admin.close()
        if reader is not None:
            await reader.stop()

    async def _admin_client(self) -> AIOKafkaAdminClient:
        if self._admin is None:
            admin = AIOKafkaAdminClient(
                bootstrap_servers=self._settings.kafka_bootstrap_servers,
                client_id=f"{self._settings.service_name}-relay-watch",
                request_timeout_ms=5000,
                **client_security(self._settings),
            )
            await admin.start()
            self._admin = admin
        return self._admin

    async def _reader_client(self) -> AIOKafkaConsumer:
        if self._reader is None:
            reader = AIOKafkaConsumer(
                bootstrap_servers=self._settings.kafka_bootstrap_servers,
                client_id=f"{self._settings.service_name}-relay-watch",
                enable_auto_commit=False,
                request_timeout_ms=5000,
                **client_security(self._settings),
            )
            await reader.start()
            self._reader = reader
        return self._reader
