"""Keep the organization search index in step with the registry's own organization events."""

from __future__ import annotations

from services.registry.repository.public import PublicDirectory
from services.registry.search.index import SearchIndex
from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.mongo import Document
from shared.search.projector import IndexFollower, rebuild_index
from shared.settings import ServiceSettings

__all__ = ["organization_follower", "rebuild"]


async def rebuild(index: SearchIndex, directory: PublicDirectory) -> int:
    """Index every verified organization from the store, replacing what the index held."""
    return await rebuild_index(index, directory.every())


def organization_follower(
    settings: ServiceSettings, index: SearchIndex, directory: PublicDirectory
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
