"""Keep the search index in step with the registry's own organization events."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from aiokafka import AIOKafkaConsumer, TopicPartition

from services.registry.repository.public import PublicDirectory
from services.registry.search.analysis import warm_up
from services.registry.search.index import SearchIndex
from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.kafka import client_security
from shared.logging import get_logger
from shared.settings import ServiceSettings

__all__ = ["SearchProjector", "rebuild"]

log = get_logger(__name__)
RETRY_SECONDS = 2.0


async def rebuild(index: SearchIndex, directory: PublicDirectory) -> int:
    """Index every verified organization from the store, replacing what the index held."""
    await asyncio.to_thread(warm_up)
    index.clear()
    count = 0
    async for record in directory.every():
        index.put(record)
        count += 1
    await asyncio.to_thread(index.commit)
    return count


class SearchProjector:
    """Each replica keeps its own index: it reads every partition, outside any consumer group."""

    def __init__(
        self, settings: ServiceSettings, index: SearchIndex, directory: PublicDirectory
    ) -> None:
        self._settings = settings
        self._index = index
        self._directory = directory

    async def run_forever(self) -> None:
        """Follow the events until cancelled; after a failure start again with a rebuild."""
        while True:
            try:
                await self._follow()
            except Exception:
                # Until the index is rebuilt the store answers searches, slowly but correctly.
                self._index.ready = False
                log.exception("search.projector.failed")
                await asyncio.sleep(RETRY_SECONDS)

    async def _follow(self) -> None:
        async with self._consumer() as consumer:
            # The end offsets are taken before the rebuild: an event written during it is
            # applied again afterwards, which is harmless as each one re-reads the store.
            count = await rebuild(self._index, self._directory)
            self._index.ready = True
            log.info("search.rebuild.done", organizations=count)
            while True:
                batch = await consumer.getmany(timeout_ms=1000, max_records=500)
                keys = {r.key.decode() for records in batch.values() for r in records if r.key}
                if keys:
                    await self.apply(keys)

    async def apply(self, organization_ids: set[str]) -> None:
        """Re-read the named organizations from the store and index what the public may see."""
        for organization_id in sorted(organization_ids):
            record = await self._directory.record(organization_id)
            if record is None:
                self._index.remove(organization_id)
            else:
                self._index.put(record)
        await asyncio.to_thread(self._index.commit)

    @contextlib.asynccontextmanager
    async def _consumer(self) -> AsyncIterator[AIOKafkaConsumer]:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._settings.kafka_bootstrap_servers,
            client_id=f"{self._settings.service_name}-search",
            enable_auto_commit=False,
            **client_security(self._settings),
        )
        await consumer.start()
        try:
            topic = self._settings.topic(ORGANIZATION_TOPIC)
            partitions = await self._partitions(consumer, topic)
            consumer.assign(partitions)
            await consumer.seek_to_end(*partitions)
            for partition in partitions:
                await consumer.position(partition)  # fix the start before the rebuild reads
            yield consumer
        finally:
            await consumer.stop()

    @staticmethod
    async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
        await consumer.topics()  # fetches the metadata; the runtime created the topic at start
        numbers = consumer.partitions_for_topic(topic)
        if not numbers:
            raise LookupError(f"topic {topic} has no partitions")
        return [TopicPartition(topic, n) for n in sorted(numbers)]
