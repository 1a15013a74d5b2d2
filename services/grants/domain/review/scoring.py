"""Merit scores: one member's sheet of an offer, its checks, and an offer's mean in the ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from services.grants.domain.common.rules import breach
from services.grants.domain.competition.terms import CompetitionTerms
from shared.errors import FieldError

__all__ = ["CriterionScore", "RankedOffer", "ScoreSheet", "mean_points", "score_errors"]

_POINTS = Decimal("0.01")


@dataclass(frozen=True)
class CriterionScore:
    """Points for one criterion and why."""

    criterion: str
    points: Decimal
    comment: str


@dataclass(frozen=True)
class ScoreSheet:
    """One member's scores of one offer."""

    member_id: str
    offer_id: str
    scores: tuple[CriterionScore, ...]
    scored_at: datetime

    @property
    def total(self) -> Decimal:
        """Return the member's points over every criterion."""
        return sum((score.points for score in self.scores), Decimal(0))


@dataclass(frozen=True)
class RankedOffer:
    """An offer's place in the ranking: the mean of the members' totals."""

    offer_id: str
    mean_points: Decimal
    sheets: int


def score_errors(terms: CompetitionTerms, scores: Sequence[CriterionScore]) -> list[FieldError]:
    """Return every breach of a sheet: missing, unknown or repeated criteria, points, reasons."""
    given = [score.criterion for score in scores]
    found = [
        breach(f"scores.{c.code}", "Oceń to kryterium.", "Score this criterion.", "required")
        for c in terms.criteria
        if c.code not in given
    ]
    for index, score in enumerate(scores):
        criterion = terms.criterion(score.criterion)
        if criterion is None or given.index(score.criterion) != index:
            found.append(
                breach(
                    f"scores.{score.criterion}",
                    "Nieznane lub powtórzone kryterium.",
                    "Unknown or repeated criterion.",
                    "criterion-unknown",
                )
            )
            continue
        if not Decimal(0) <= score.points <= criterion.max_points:
            found.append(
                breach(
                    f"scores.{score.criterion}.points",
                    f"Liczba punktów musi mieścić się w przedziale 0–{criterion.max_points}.",
                    f"Points are between 0 and {criterion.max_points}.",
                    "points-out-of-range",
                )
            )
        if not score.comment.strip():
            found.append(
                breach(
                    f"scores.{score.criterion}.comment",
                    "Uzasadnij ocenę.",
                    "Explain the score.",
                    "required",
                )
            )
    return found


def mean_points(values: Sequence[Decimal]) -> Decimal:
    """Return the mean of the members' totals, to the hundredth (half up)."""
    return (sum(values, Decimal(0)) / len(values)).quantize(_POINTS, rounding=ROUND_HALF_UP)
