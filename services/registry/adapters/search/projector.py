"""Keep the organization search index in step with the registry's own organization events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from services.registry.adapters.search.index import SearchIndex
from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.mongo import Document
from shared.search.projector import IndexFollower, rebuild_index
from shared.settings import ServiceSettings

__all__ = ["PublicRecords", "organization_follower", "rebuild"]


class PublicRecords(Protocol):
    """Where the index reads verified organizations' public records (the public directory)."""

    def every(self) -> AsyncIterator[Document]:
        """Yield every public record."""
        ...

    async def record(self, organization_id: str) -> Document | None:
        """Return one public record, or None unless public."""
        ...

    async def records(self, organization_ids: list[str]) -> dict[str, Document]:
        """Return the public records of these organizations, by id."""
        ...


async def rebuild(index: SearchIndex, directory: PublicRecords) -> int:
    """Index every verified organization from the store, replacing what the index held."""
    return await rebuild_index(index, directory.every())


def organization_follower(
    settings: ServiceSettings, index: SearchIndex, directory: PublicRecords
) -> IndexFollower[Document]:
    """Return the follower that keeps the organization index of this replica."""
    return IndexFollower(
        settings=settings,
        topic=ORGANIZATION_TOPIC,
        name="organizations",
        index=index,
        every=directory.every,
        read=directory.record,
        read_many=directory.records,
    )
