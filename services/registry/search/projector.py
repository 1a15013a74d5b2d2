"""Keep the organization search index in step with the registry's own organization events."""

from __future__ import annotations

import asyncio

from services.registry.repository.public import PublicDirectory
from services.registry.search.index import SearchIndex
from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.search.analysis import warm_up
from shared.search.projector import IndexFollower
from shared.settings import ServiceSettings

__all__ = ["apply", "organization_follower", "rebuild"]


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


async def apply(index: SearchIndex, directory: PublicDirectory, keys: set[str]) -> None:
    """Re-read the named organizations from the store and index what the public may see."""
    for organization_id in sorted(keys):
        record = await directory.record(organization_id)
        if record is None:
            index.remove(organization_id)
        else:
            index.put(record)
    await asyncio.to_thread(index.commit)


def organization_follower(
    settings: ServiceSettings, index: SearchIndex, directory: PublicDirectory
) -> IndexFollower:
    """Return the follower that keeps the organization index of this replica."""
    return IndexFollower(
        settings=settings,
        topic=ORGANIZATION_TOPIC,
        name="organizations",
        index=index,
        rebuild=lambda: rebuild(index, directory),
        apply=lambda keys: apply(index, directory, keys),
    )
