"""The IndexRound aggregate: one self-assessment of a municipality, from scoring to publication."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from services.consultations.domain.common.validation import Problems
from services.consultations.domain.index.catalogue import Area, indicator
from services.consultations.domain.index.results import (
    Group,
    RoundResult,
    Scorecard,
    compute_result,
)
from services.consultations.domain.index.scale import SCALE_MAX, SCALE_MIN, is_on_scale
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.consultations import (
    IndexConclusionsRecorded,
    IndexRoundPublished,
    IndexRoundStarted,
    IndexScorecardSubmitted,
)
from shared.errors import Conflict, Text

__all__ = ["Conclusions", "IndexRound", "RoundState", "start_round"]

TITLE_MAX = 300
CONCLUSIONS_MAX = 20_000


class RoundState(StrEnum):
    """Stages of an assessment round."""

    OPEN = "open"
    PUBLISHED = "published"


@dataclass(frozen=True)
class Conclusions:
    """What the moderated discussion concluded, overall and per area."""

    summary: str
    by_area: dict[Area, str]
    recorded_by: str
    recorded_at: datetime


@dataclass
class IndexRound:
    """A round of the Local Cooperation Quality Index in one municipality."""

    id: str
    tenant_id: str
    title: str
    assessed_on: date
    started_by: str
    started_at: datetime
    state: RoundState = RoundState.OPEN
    scorecards: list[Scorecard] = field(default_factory=list)
    conclusions: Conclusions | None = None
    published_at: datetime | None = None
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    def submit_scorecard(
        self, *, group: Group, rater: str, scores: Mapping[str, int | None], now: datetime
    ) -> Scorecard:
        """Record a rater's scores, replacing that rater's earlier card in the same group."""
        self._ensure_open()
        card = Scorecard(group, rater, _checked_scores(scores), now)
        self.scorecards = [c for c in self.scorecards if (c.group, c.rater) != (group, rater)] + [
            card
        ]
        self.events.append(
            IndexScorecardSubmitted(
                round_id=self.id,
                group=group.value,
                indicators_scored=len(card.scores),
                scorecards_in_group=sum(1 for c in self.scorecards if c.group is group),
                submitted_at=now,
            )
        )
        return card

    def scorecard_of(self, group: Group, rater: str) -> Scorecard | None:
        """Return the card `rater` handed in for `group`, if any."""
        return next((c for c in self.scorecards if (c.group, c.rater) == (group, rater)), None)

    def record_conclusions(
        self, *, summary: str, by_area: Mapping[Area, str], recorded_by: str, now: datetime
    ) -> None:
        """Record (or rewrite) the conclusions of the moderated discussion."""
        self._ensure_open()
        problems = Problems()
        text = problems.text(summary, "summary", max_length=CONCLUSIONS_MAX)
        areas = {
            area: problems.text(note, f"by_area.{area.value}", max_length=CONCLUSIONS_MAX)
            for area, note in by_area.items()
            if note.strip()
        }
        problems.raise_if_any()
        self.conclusions = Conclusions(text, areas, recorded_by, now)
        self.events.append(
            IndexConclusionsRecorded(
                round_id=self.id,
                areas=sorted(a.value for a in areas),
                recorded_by=recorded_by,
                recorded_at=now,
            )
        )

    def result(self) -> RoundResult:
        """Return the scores so far, per indicator, area and overall."""
        return compute_result(
            round_id=self.id,
            tenant_id=self.tenant_id,
            assessed_on=self.assessed_on,
            scorecards=self.scorecards,
        )

    def publish(self, *, published_by: str, now: datetime) -> RoundResult:
        """Publish a round both groups scored and whose conclusions are written."""
        self._ensure_open()
        missing = [g.value for g in Group if not any(c.group is g for c in self.scorecards)]
        if missing:
            raise Conflict(
                detail=Text(
                    f"Brak ocen grupy: {', '.join(missing)}.",
                    f"No scores yet from: {', '.join(missing)}.",
                ),
                extra={"reason": "group-not-scored", "missing_groups": missing},
            )
        if self.conclusions is None:
            raise Conflict(
                detail=Text(
                    "Zapisz najpierw wnioski z dyskusji moderowanej.",
                    "Record the conclusions of the moderated discussion first.",
                ),
                extra={"reason": "conclusions-missing"},
            )
        result = self.result()
        self.state, self.published_at = RoundState.PUBLISHED, now
        self.events.append(_published_event(self, self.conclusions, result, published_by, now))
        return result

    def _ensure_open(self) -> None:
        if self.state is not RoundState.OPEN:
            raise Conflict(
                detail=Text(
                    "Ta runda oceny została już opublikowana.",
                    "This assessment round is already published.",
                ),
                extra={"reason": "round-published"},
            )


def start_round(
    *, tenant_id: str, title: str, assessed_on: date, started_by: str, now: datetime
) -> IndexRound:
    """Start an assessment round of a municipality."""
    problems = Problems()
    text = problems.text(title, "title", max_length=TITLE_MAX)
    problems.raise_if_any()
    round_ = IndexRound(
        id=new_id(),
        tenant_id=tenant_id,
        title=text,
        assessed_on=assessed_on,
        started_by=started_by,
        started_at=now,
    )
    round_.events.append(
        IndexRoundStarted(
            round_id=round_.id,
            title=text,
            assessed_on=assessed_on,
            started_by=started_by,
            started_at=now,
        )
    )
    return round_


def _checked_scores(scores: Mapping[str, int | None]) -> dict[str, int]:
    problems = Problems()
    checked: dict[str, int] = {}
    for code, value in scores.items():
        if indicator(code) is None:
            problems.add(f"scores.{code}", "Nie ma takiego wskaźnika.", "No such indicator.")
        elif value is not None and not is_on_scale(value):
            problems.add(
                f"scores.{code}",
                f"Ocena to liczba całkowita od {SCALE_MIN} do {SCALE_MAX}.",
                f"A score is a whole number from {SCALE_MIN} to {SCALE_MAX}.",
                "out-of-scale",
            )
        elif value is not None:
            checked[code] = value
    if not checked and not problems.errors:
        problems.add(
            "scores",
            "Oceń co najmniej jeden wskaźnik.",
            "Score at least one indicator.",
            "required",
        )
    problems.raise_if_any()
    return checked


def _published_event(
    round_: IndexRound,
    conclusions: Conclusions,
    result: RoundResult,
    published_by: str,
    now: datetime,
) -> IndexRoundPublished:
    return IndexRoundPublished(
        round_id=round_.id,
        title=round_.title,
        assessed_on=round_.assessed_on,
        scale_max=SCALE_MAX,
        officers_by_area={a.value: s.officers for a, s in result.areas.items()},
        ngos_by_area={a.value: s.ngos for a, s in result.areas.items()},
        combined_by_area={a.value: s.combined for a, s in result.areas.items()},
        officers_overall=result.overall.officers,
        ngos_overall=result.overall.ngos,
        combined_overall=result.overall.combined,
        conclusions=conclusions.summary,
        published_by=published_by,
        published_at=now,
    )
