"""Request and response bodies of the cooperation-quality index."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from services.consultations.api.schemas.base import Strict
from services.consultations.domain.index.catalogue import AREA_LABELS, Area, indicators_in
from services.consultations.domain.index.comparison import (
    CentreComparison,
    Change,
    RoundComparison,
)
from services.consultations.domain.index.results import Group, GroupScores, RoundResult, Scorecard
from services.consultations.domain.index.round import IndexRound, RoundState
from services.consultations.domain.index.scale import SCALE, SCALE_MAX, SCALE_MIN
from shared.text import Line, Paragraph

__all__ = [
    "CatalogueView",
    "CentreComparisonView",
    "ConclusionsBody",
    "RoundComparisonView",
    "RoundCreate",
    "RoundView",
    "ScorecardBody",
    "ScorecardView",
]


class RoundCreate(Strict):
    """A round to start."""

    title: Line = Field(description="Title, e.g. Diagnoza wstępna 2025.")
    assessed_on: date = Field(description="Day of the moderated discussion.")


class ScorecardBody(Strict):
    """One rater's scores by indicator code; null or absent: could not judge."""

    scores: dict[Line, int | None] = Field(description=f"Scores from {SCALE_MIN} to {SCALE_MAX}.")


class ConclusionsBody(Strict):
    """What the moderated discussion concluded."""

    summary: Paragraph = Field(description="Conclusions overall.")
    by_area: dict[Area, Paragraph] = Field(
        default_factory=dict, description="Conclusions per area."
    )


class GroupScoresView(BaseModel):
    """Mean scores of both groups, combined, and the gap between them."""

    officers: float | None
    ngos: float | None
    combined: float | None
    gap: float | None = Field(description="How much higher officers score than NGOs.")

    @classmethod
    def of(cls, scores: GroupScores) -> GroupScoresView:
        """Render scores."""
        return cls(
            officers=scores.officers, ngos=scores.ngos, combined=scores.combined, gap=scores.gap
        )


class ResultView(BaseModel):
    """What a round measured so far."""

    raters: dict[Group, int]
    overall: GroupScoresView
    areas: dict[Area, GroupScoresView]
    indicators: dict[str, GroupScoresView]

    @classmethod
    def of(cls, result: RoundResult) -> ResultView:
        """Render a result."""
        return cls(
            raters=result.raters,
            overall=GroupScoresView.of(result.overall),
            areas={a: GroupScoresView.of(s) for a, s in result.areas.items()},
            indicators={c: GroupScoresView.of(s) for c, s in result.indicators.items()},
        )


class ConclusionsView(BaseModel):
    """Recorded conclusions."""

    summary: str
    by_area: dict[Area, str]
    recorded_at: datetime


class RoundView(BaseModel):
    """An assessment round and its result so far."""

    id: str
    tenant_id: str
    title: str
    assessed_on: date
    state: RoundState
    started_at: datetime
    published_at: datetime | None
    conclusions: ConclusionsView | None
    result: ResultView

    @classmethod
    def of(cls, round_: IndexRound) -> RoundView:
        """Render a round."""
        conclusions = round_.conclusions
        return cls(
            id=round_.id,
            tenant_id=round_.tenant_id,
            title=round_.title,
            assessed_on=round_.assessed_on,
            state=round_.state,
            started_at=round_.started_at,
            published_at=round_.published_at,
            conclusions=ConclusionsView(
                summary=conclusions.summary,
                by_area=conclusions.by_area,
                recorded_at=conclusions.recorded_at,
            )
            if conclusions
            else None,
            result=ResultView.of(round_.result()),
        )


class ScorecardView(BaseModel):
    """The caller's scorecard as recorded."""

    round_id: str
    group: Group
    scores: dict[str, int]
    submitted_at: datetime

    @classmethod
    def of(cls, round_id: str, card: Scorecard) -> ScorecardView:
        """Render a scorecard."""
        return cls(
            round_id=round_id, group=card.group, scores=card.scores, submitted_at=card.submitted_at
        )


class ChangeView(BaseModel):
    """How a score moved (positive is progress); null when not comparable."""

    officers: float | None
    ngos: float | None
    combined: float | None

    @classmethod
    def of(cls, change: Change) -> ChangeView:
        """Render a change."""
        return cls(officers=change.officers, ngos=change.ngos, combined=change.combined)


class RoundComparisonView(BaseModel):
    """Progress per area and overall from an earlier round to a later one."""

    tenant_id: str
    earlier_round_id: str
    later_round_id: str
    earlier_on: date
    later_on: date
    areas: dict[Area, ChangeView]
    overall: ChangeView

    @classmethod
    def of(cls, comparison: RoundComparison) -> RoundComparisonView:
        """Render a comparison."""
        return cls(
            tenant_id=comparison.tenant_id,
            earlier_round_id=comparison.earlier_round_id,
            later_round_id=comparison.later_round_id,
            earlier_on=comparison.earlier_on,
            later_on=comparison.later_on,
            areas={a: ChangeView.of(c) for a, c in comparison.areas.items()},
            overall=ChangeView.of(comparison.overall),
        )


class TrackRoundView(BaseModel):
    """One published round of a member, combined scores only."""

    round_id: str
    assessed_on: date
    areas: dict[Area, float | None]
    overall: float | None


class MunicipalityTrackView(BaseModel):
    """A member municipality's rounds and its progress since the first diagnosis."""

    tenant_id: str
    name: str | None
    rounds: list[TrackRoundView]
    progress: RoundComparisonView | None


class RoundAverageView(BaseModel):
    """The members' average combined scores in their n-th round."""

    ordinal: int
    municipalities: int
    areas: dict[Area, float | None]
    overall: float | None


class CentreComparisonView(BaseModel):
    """A support centre's members side by side, round by round."""

    municipalities: list[MunicipalityTrackView]
    averages: list[RoundAverageView]

    @classmethod
    def of(cls, comparison: CentreComparison, names: dict[str, str]) -> CentreComparisonView:
        """Render a centre's comparison."""
        return cls(
            municipalities=[
                MunicipalityTrackView(
                    tenant_id=t.tenant_id,
                    name=names.get(t.tenant_id),
                    rounds=[
                        TrackRoundView(
                            round_id=r.round_id,
                            assessed_on=r.assessed_on,
                            areas={a: s.combined for a, s in r.areas.items()},
                            overall=r.overall.combined,
                        )
                        for r in t.rounds
                    ],
                    progress=RoundComparisonView.of(t.progress) if t.progress else None,
                )
                for t in comparison.municipalities
            ],
            averages=[
                RoundAverageView(
                    ordinal=a.ordinal,
                    municipalities=a.municipalities,
                    areas=a.areas,
                    overall=a.overall,
                )
                for a in comparison.averages
            ],
        )


class IndicatorView(BaseModel):
    """One indicator both groups score."""

    code: str
    text: str


class AreaView(BaseModel):
    """An area of cooperation and its indicators."""

    area: Area
    label: str
    indicators: list[IndicatorView]


class CatalogueView(BaseModel):
    """The indicators and the score scale, in the caller's language."""

    scale: dict[int, str]
    areas: list[AreaView]

    @classmethod
    def build(cls, language: str) -> CatalogueView:
        """Render the catalogue in `language`."""
        return cls(
            scale={value: text.in_language(language) for value, text in SCALE.items()},
            areas=[
                AreaView(
                    area=area,
                    label=AREA_LABELS[area].in_language(language),
                    indicators=[
                        IndicatorView(code=i.code, text=i.text.in_language(language))
                        for i in indicators_in(area)
                    ],
                )
                for area in Area
            ],
        )
