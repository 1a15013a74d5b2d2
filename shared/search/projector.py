"""Keep a replica's search index in step with its own service's topic."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.kafka import client_security
from shared.logging import get_logger
from shared.search.analysis import warm_up
from shared.settings import ServiceSettings

__all__ = [
    "IndexFollower",
    "Projection",
    "apply_keys",
    "rebuild_index",
]

log = get_logger(__name__)
RETRY_SECONDS = 2.0
READ_MANY_CHUNK = 200  # ids per `$in` read of the store


R = TypeVar("R")
R_contra = TypeVar("R_contra", contravariant=True)


class Projection(Protocol[R_contra]):
    """What a follower needs of an index."""

    ready: bool

    def put(self, record: R_contra, /) -> None:
        """Index a record, replacing its earlier version."""

    def remove(self, key: str, /) -> None:
        """Forget a record."""

    def clear(self) -> None:
        """Forget every record."""

    def commit(self) -> None:
        """Make the writes visible."""

    def rollback(self) -> None:
        """Drop the writes since the last commit."""


async def rebuild_index(index: Projection[R], records: AsyncIterable[R]) -> int:
    """Index every record, replacing what the index held; return how many."""
    await asyncio.to_thread(warm_up)
    index.clear()
    count = 0
    try:
        async for record in records:
            index.put(record)
            count += 1
    except BaseException:
        # Else the next event's commit would publish an index cleared and half refilled.
        index.rollback()
        raise
    await asyncio.to_thread(index.commit)
    return count


async def apply_keys(
    index: Projection[R],
    keys: set[str],
    read: Callable[[str], Awaitable[R | None]],
    read_many: Callable[[list[str]], Awaitable[dict[str, R]]] | None = None,
) -> None:
    """Re-read the named records from the store; index the public ones, forget the rest."""
    ordered = sorted(keys)
    if read_many is None:
        found = {key: record for key in ordered if (record := await read(key)) is not None}
    else:  # one `$in` per chunk: a bulk import's events would else cost a round trip each
        found = {}
        for start in range(0, len(ordered), READ_MANY_CHUNK):
            found.update(await read_many(ordered[start : start + READ_MANY_CHUNK]))
    for key in ordered:
        record = found.get(key)
        if record is None:
            index.remove(key)
        else:
            index.put(record)
    await asyncio.to_thread(index.commit)


@dataclass
class IndexFollower(Generic[R]):
    """Rebuild an index from the store, then apply the keys of every new event on `topic`."""

    # Each replica keeps its own index: it reads every partition, outside any consumer group,
    # and re-reads the store for each key, so an event's payload never needs to be complete.
    settings: ServiceSettings
    topic: str
    name: str
    index: Projection[R]
    every: Callable[[], AsyncIterable[R]]  # every public record in the store
    read: Callable[[str], Awaitable[R | None]]  # one record by its key, None unless public
    # The public ones among many keys, by key (optional: one round trip for a whole batch).
    read_many: Callable[[list[str]], Awaitable[dict[str, R]]] | None = None
    # A rebuild and the events never interleave: a rebuild could else put back a record it
    # read before an event's newer version was applied.
    _writing: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    async def refresh(self) -> int:
        """Rebuild the index from the store now; return how many entries it holds."""
        async with self._writing:
            count = await rebuild_index(self.index, self.every())
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
                        await apply_keys(self.index, keys, self.read, self.read_many)

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
