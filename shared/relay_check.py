"""Notice that the broker lost published events, and put them back in the outbox."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from typing import Any

from prometheus_client import Counter

from shared.logging import get_logger
from shared.outbox_log import BrokerAnswer, PublishedLog
from shared.topics import BrokerWatch, Partition

__all__ = ["BrokerCheck"]

log = get_logger(__name__)
REPUBLISHED = Counter(
    "outbox_republished_total",
    "Published events put back in the outbox because the broker lost them",
    ["reason"],
)


class BrokerCheck:
    """Compares what the relay published with what the broker still has."""

    def __init__(
        self,
        watch: BrokerWatch,
        published: PublishedLog,
        *,
        every: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._watch = watch
        self._log = published
        self._every = every
        self._clock = clock
        self.cluster_id = ""
        self._next_at = 0.0  # due at once: a relay starting after a broker restart checks first
        self._sent: dict[Partition, int] = {}
        self._ends: dict[Partition, int] = {}
        self._went_back: Partition | None = None

    def soon(self) -> None:
        """Check before the next batch (after a failed send)."""
        self._next_at = 0.0

    def due(self) -> bool:
        """Return whether a check is due."""
        return self._clock() >= self._next_at

    def saw(self, topics: Sequence[str], answers: Sequence[BrokerAnswer]) -> None:
        """Note the broker's answers to sends; offset 0 where records were sent before is lost."""
        # Only offset 0 is telling: Tansu answers shifted offsets for records sent in one
        # batch, so comparing offsets with each other would see losses that are not there.
        for topic, (partition, offset) in zip(topics, answers, strict=True):
            key = (topic, partition)
            if offset == 0 and self._sent.get(key, 0) > 0:
                self._went_back = key
                self.soon()
            self._sent[key] = self._sent.get(key, 0) + 1

    async def run(self, guard: Callable[[], AbstractAsyncContextManager[Any]] = nullcontext) -> int:
        """Check the broker; after it lost events, recreate topics and requeue them all."""
        self._next_at = self._clock() + self._every
        cluster_id = await self._watch.cluster_id()
        known = self.cluster_id or await self._log.known_cluster_id()
        created = await self._watch.ensure_topics(topic for topic, _ in self._sent)
        reason = await self._lost(known, cluster_id, created)
        if cluster_id != known:
            await self._log.remember_cluster_id(cluster_id)
        self.cluster_id = cluster_id
        if reason is None:
            return 0
        self._sent.clear()
        self._ends.clear()
        self._went_back = None
        # Only the outbox write waits for the guard: the broker's answers may take seconds.
        async with guard():
            requeued = await self._log.requeue()
        REPUBLISHED.labels(reason).inc(requeued)
        log.warning(
            "outbox.broker.lost_events",
            reason=reason,
            cluster_id=cluster_id,
            previous_cluster_id=known,
            created_topics=created,
            requeued=requeued,
        )
        return requeued

    async def _lost(self, known: str, cluster_id: str, created: list[str]) -> str | None:
        if known and cluster_id != known:
            return "cluster_changed"
        if created and known:
            return "topics_missing"
        if self._went_back is not None:
            return "offset_went_back"
        # A log end never moves back unless the broker lost the log (Tansu's end offsets
        # lag behind the records of a batch, so they are compared with earlier ends only).
        ends = await self._watch.end_offsets(self._sent)
        behind = {
            f"{topic}/{partition}": {"end": end, "before": self._ends[(topic, partition)]}
            for (topic, partition), end in ends.items()
            if end < self._ends.get((topic, partition), 0)
        }
        self._ends.update(ends)
        if behind:
            log.warning("outbox.broker.log_behind", partitions=behind)
            return "log_rewound"
        return None
