"""Events of rounds of the cooperation-quality self-assessment index."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.consultations._common import AREAS, INDEX_ROUND_TOPIC

__all__ = [
    "IndexConclusionsRecorded",
    "IndexRoundPublished",
    "IndexRoundStarted",
    "IndexScorecardSubmitted",
]


class IndexRoundPublished(EventContract):
    """A municipality published a round of the Local Cooperation Quality Index self-assessment."""

    event_type = "pl.ngo.consultations.index_round.published"
    topic = INDEX_ROUND_TOPIC
    key_field = "round_id"

    round_id: str = Field(description="Platform id of the assessment round.")
    title: str = Field(description="Title of the round, e.g. the first diagnosis.")
    assessed_on: date = Field(description="Day of the moderated discussion.")
    scale_max: int = Field(description="Top of the score scale; scores run from 0 to it.")
    officers_by_area: dict[str, float | None] = Field(
        description=f"Officers' mean score per area ({AREAS}); null when unscored."
    )
    ngos_by_area: dict[str, float | None] = Field(
        description="NGO representatives' mean score per area; null when unscored."
    )
    combined_by_area: dict[str, float | None] = Field(
        description="Mean of both groups per area, each group weighing half; null unless both."
    )
    officers_overall: float | None = Field(description="Officers' mean over the areas.")
    ngos_overall: float | None = Field(description="NGO representatives' mean over the areas.")
    combined_overall: float | None = Field(description="Mean of both groups' overall scores.")
    conclusions: str = Field(description="Summary of the moderated discussion's conclusions.")
    published_by: str = Field(description="Subject (user id) of the publishing officer.")
    published_at: datetime = Field(description="When it was published (UTC).")


class IndexRoundStarted(EventContract):
    """A municipality started a round of the cooperation-quality self-assessment (staff only)."""

    event_type = "pl.ngo.consultations.index_round.started"
    topic = INDEX_ROUND_TOPIC
    key_field = "round_id"

    round_id: str = Field(description="Platform id of the assessment round.")
    title: str = Field(description="Title of the round, e.g. the first diagnosis.")
    assessed_on: date = Field(description="Day of the moderated discussion.")
    started_by: str = Field(description="Subject (user id) of the officer who started it.")
    started_at: datetime = Field(description="When it was started (UTC).")


class IndexScorecardSubmitted(EventContract):
    """A rater of one group handed in (or replaced) a scorecard; scores stay in the service."""

    event_type = "pl.ngo.consultations.index_round.scorecard_submitted"
    topic = INDEX_ROUND_TOPIC
    key_field = "round_id"

    round_id: str = Field(description="Platform id of the assessment round.")
    group: str = Field(description="Group of the rater: officers or ngos.")
    indicators_scored: int = Field(description="Number of indicators the card scores.")
    scorecards_in_group: int = Field(description="Scorecards of that group so far.")
    submitted_at: datetime = Field(description="When the card was handed in (UTC).")


class IndexConclusionsRecorded(EventContract):
    """The conclusions of a round's moderated discussion were recorded (staff only)."""

    event_type = "pl.ngo.consultations.index_round.conclusions_recorded"
    topic = INDEX_ROUND_TOPIC
    key_field = "round_id"

    round_id: str = Field(description="Platform id of the assessment round.")
    areas: list[str] = Field(description=f"Areas with their own conclusions ({AREAS}).")
    recorded_by: str = Field(description="Subject (user id) of the officer.")
    recorded_at: datetime = Field(description="When they were recorded (UTC).")
