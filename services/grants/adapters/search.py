"""Full-text search of the open competitions: the index, fed by grants' own competition topic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from services.grants.domain.competition.competition import Competition
from shared.contracts.grants import COMPETITION_TOPIC
from shared.public_benefit import AREA_LABELS
from shared.search.projector import IndexFollower
from shared.search.records import RecordIndex, SearchRecord, record_follower
from shared.settings import ServiceSettings

__all__ = ["AnnouncedCompetitions", "competition_follower", "competition_index", "searchable"]


class AnnouncedCompetitions(Protocol):
    """Where the follower reads what the public may find (the competition repository)."""

    def every_announced(self) -> AsyncIterator[Competition]: ...

    async def announced_anywhere(self, competition_id: str) -> Competition | None: ...


def competition_index() -> RecordIndex:
    """Return an empty index of announcements: title first, then task and area."""
    return RecordIndex({"title": 3.0, "public_task": 1.0, "area": 1.0}, clipped={"public_task"})


def searchable(competition: Competition) -> SearchRecord:
    """Return what the public may find of an announcement."""
    terms = competition.terms
    return SearchRecord(
        id=competition.id,
        tenant_id=competition.tenant_id,
        fields={
            "title": terms.title,
            "public_task": terms.public_task,
            "area": " ".join(AREA_LABELS[terms.area]),  # Polish and English names of the area
        },
    )


def competition_follower(
    settings: ServiceSettings, index: RecordIndex, competitions: AnnouncedCompetitions
) -> IndexFollower[SearchRecord]:
    """Return the follower that keeps this replica's competition index."""
    return record_follower(
        settings,
        topic=COMPETITION_TOPIC,
        name="competitions",
        index=index,
        every=competitions.every_announced,
        read=competitions.announced_anywhere,
        searchable=searchable,
    )
