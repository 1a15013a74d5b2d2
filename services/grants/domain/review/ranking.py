"""The committee's ranking of a competition: each offer's place and the sheets behind it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.grants.domain.competition.competition import Competition
from services.grants.domain.offer.offer import Offer
from services.grants.domain.review.committee import Committee
from services.grants.domain.review.scoring import ScoreSheet

__all__ = ["Ranking", "RankingEntry"]


@dataclass(frozen=True)
class RankingEntry:
    """An offer's place: its mean points and each member's total."""

    rank: int
    offer: Offer
    mean_points: Decimal
    member_totals: dict[str, Decimal]


@dataclass(frozen=True)
class Ranking:
    """The committee's ranking of a competition, with the sheets behind it."""

    competition: Competition
    committee: Committee
    entries: list[RankingEntry]
    offers: dict[str, Offer]

    def sheets(self, member_id: str | None = None) -> list[ScoreSheet]:
        """Return every sheet, or one member's, by member and offer."""
        sheets = sorted(self.committee.sheets.values(), key=lambda s: (s.member_id, s.offer_id))
        return [s for s in sheets if member_id is None or s.member_id == member_id]
