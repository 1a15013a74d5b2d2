"""Scores of a round per indicator, per area and overall, for each group and combined."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction

from services.consultations.domain.index.catalogue import INDICATORS, Area, indicators_in

__all__ = ["Group", "GroupScores", "RoundResult", "Scorecard", "compute_result"]


class Group(StrEnum):
    """The two sides that score each indicator separately."""

    OFFICERS = "officers"
    NGOS = "ngos"


@dataclass(frozen=True)
class Scorecard:
    """One rater's scores; an indicator the rater could not judge is simply absent."""

    group: Group
    rater: str
    scores: dict[str, int]
    submitted_at: datetime


@dataclass(frozen=True)
class GroupScores:
    """Mean scores of both groups, their combination and the gap in how they see it."""

    officers: float | None
    ngos: float | None
    combined: float | None

    @property
    def gap(self) -> float | None:
        """Return how much higher officers score than NGOs (the topic of the discussion)."""
        if self.officers is None or self.ngos is None:
            return None
        return round(self.officers - self.ngos, 2)


@dataclass(frozen=True)
class RoundResult:
    """Everything a round measured; what gets published, compared and sent on."""

    round_id: str
    tenant_id: str
    assessed_on: date
    indicators: dict[str, GroupScores]
    areas: dict[Area, GroupScores]
    overall: GroupScores
    raters: dict[Group, int]


_Exact = dict[Group, Fraction | None]


def compute_result(
    *, round_id: str, tenant_id: str, assessed_on: date, scorecards: Sequence[Scorecard]
) -> RoundResult:
    """Compute a round's result: means of raters, of indicators, then of areas."""
    per_indicator = {i.code: _indicator_means(i.code, scorecards) for i in INDICATORS}
    per_area = {
        area: {g: _mean(per_indicator[i.code][g] for i in indicators_in(area)) for g in Group}
        for area in Area
    }
    overall = {g: _mean(per_area[area][g] for area in Area) for g in Group}
    return RoundResult(
        round_id=round_id,
        tenant_id=tenant_id,
        assessed_on=assessed_on,
        indicators={code: _rounded(means) for code, means in per_indicator.items()},
        areas={area: _rounded(means) for area, means in per_area.items()},
        overall=_rounded(overall),
        raters={g: sum(1 for card in scorecards if card.group is g) for g in Group},
    )


def _indicator_means(code: str, scorecards: Sequence[Scorecard]) -> _Exact:
    return {
        group: _mean(
            Fraction(card.scores[code])
            for card in scorecards
            if card.group is group and code in card.scores
        )
        for group in Group
    }


def _mean(values: Iterable[Fraction | None]) -> Fraction | None:
    known = [v for v in values if v is not None]
    return sum(known, Fraction(0)) / len(known) if known else None


def _rounded(means: _Exact) -> GroupScores:
    officers, ngos = means[Group.OFFICERS], means[Group.NGOS]
    # Each group weighs half whatever its number of raters, so neither side outvotes the other.
    combined = (officers + ngos) / 2 if officers is not None and ngos is not None else None
    return GroupScores(_two_places(officers), _two_places(ngos), _two_places(combined))


def _two_places(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)
