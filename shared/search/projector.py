"""Keep a replica's search index in step with its own service's topic."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.kafka import client_security
from shared.logging import get_logger
from shared.settings import ServiceSettings

__all__ = ["IndexFollower", "Readiness"]

log = get_logger(__name__)
RETRY_SECONDS = 2.0


class Readiness(Protocol):
    """What a follower needs of an index: a flag saying searches may use it."""

    ready: bool


@dataclass
class IndexFollower:
    """Rebuild an index from the store, then apply the keys of every new event on `topic`."""

    # Each replica keeps its own index: it reads every partition, outside any consumer group,
    # and re-reads the store for each key, so an event's payload never needs to be complete.
    settings: ServiceSettings
    topic: str
    name: str
    index: Readiness
    rebuild: Callable[[], Awaitable[int]]
    apply: Callable[[set[str]], Awaitable[None]]
    # A rebuild and the events never interleave: a rebuild could else put back a record it
    # read before an event's newer version was applied.
    _writing: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    async def refresh(self) -> int:
        """Rebuild the index from the store now; return how many entries it holds."""
        async with self._writing:
            count = await self.rebuild()
        self.index.ready = True
        log.info("search.rebuild.done", index=self.name, entries=count)
        return count

    async def run_forever(self) -> None:
        """Follow the events until cancelled; after a failure start again with a rebuild."""
        while True:
            try:
                await self._follow()
            except Exception:
                self.index.ready = False
                log.exception("search.projector.failed", index=self.name)
                await asyncio.sleep(RETRY_SECONDS)

    async def _follow(self) -> None:
        async with self._consumer() as consumer:
            # The end offsets are taken before the rebuild: an event written during it is
            # applied again afterwards, which is harmless as each one re-reads the store.
            await self.refresh()
            while True:
                batch = await consumer.getmany(timeout_ms=1000, max_records=500)
                keys = {r.key.decode() for records in batch.values() for r in records if r.key}
                if keys:
                    async with self._writing:
                        await self.apply(keys)

    @contextlib.asynccontextmanager
    async def _consumer(self) -> AsyncIterator[AIOKafkaConsumer]:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap_servers,
            client_id=f"{self.settings.service_name}-{self.name}-search",
            enable_auto_commit=False,
            **client_security(self.settings),
        )
        await consumer.start()
        try:
            partitions = await self._partitions(consumer, self.settings.topic(self.topic))
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
