"""A competition's grant decisions and published results, over what offers and rankings say."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from services.grants.domain.common.money import Money
from shared.contracts.grants import CompetitionResult
from shared.errors import InvalidInput

__all__ = [
    "GrantDecision",
    "GrantedOffer",
    "PublishedLine",
    "PublishedResultsOf",
    "RankedEntry",
    "check_grant",
    "results_of",
    "sum_granted",
]


class _Budget(Protocol):
    @property
    def requested_grant(self) -> Money: ...


class _Content(Protocol):
    @property
    def title(self) -> str: ...


class GrantedOffer(Protocol):
    """What a grant decision reads of an offer (the Offer aggregate, without importing it)."""

    @property
    def id(self) -> str: ...

    @property
    def competition_id(self) -> str: ...

    @property
    def organization_id(self) -> str: ...

    @property
    def organization_name(self) -> str: ...

    @property
    def content(self) -> _Content: ...

    @property
    def budget(self) -> _Budget: ...

    @property
    def is_formally_accepted(self) -> bool: ...


class RankedEntry(Protocol):
    """An offer's place in the committee's ranking."""

    @property
    def offer_id(self) -> str: ...

    @property
    def mean_points(self) -> Decimal: ...


@dataclass(frozen=True)
class GrantDecision:
    """The grant the officer decided for one offer (zero: no grant)."""

    offer_id: str
    organization_id: str
    amount: Money
    decided_by: str
    decided_at: datetime


def check_grant(amount: Money, requested: Money, funds_left: Money) -> None:
    """Refuse a negative grant, one above the request, or one beyond the funds left."""
    if amount.is_negative:
        raise InvalidInput.for_field(
            "amount",
            "Kwota nie może być ujemna.",
            "An amount cannot be negative.",
            "money-negative",
        )
    if amount > requested:
        raise InvalidInput.for_field(
            "amount",
            f"Dotacja nie może przekroczyć kwoty wnioskowanej w ofercie ({requested}).",
            f"The grant cannot exceed the amount the offer asks for ({requested}).",
            "grant-above-requested",
        )
    if amount > funds_left:
        raise InvalidInput.for_field(
            "amount",
            f"Suma dotacji przekroczyłaby środki konkursu; pozostało {funds_left}.",
            f"The grants would exceed the competition's funds; {funds_left} is left.",
            "grants-above-funds",
        )


def results_of(
    decisions: Mapping[str, GrantDecision],
    accepted: Mapping[str, GrantedOffer],
    ranking: Sequence[RankedEntry],
) -> list[CompetitionResult]:
    """Return the published results: ranked offers first, then the rest by id."""
    points = {entry.offer_id: entry.mean_points for entry in ranking}
    ordered = [o for o in ranking if o.offer_id in accepted]
    order = [entry.offer_id for entry in ordered]
    order += sorted(set(accepted) - set(order))
    return [
        CompetitionResult(
            offer_id=offer_id,
            organization_id=accepted[offer_id].organization_id,
            organization_name=accepted[offer_id].organization_name,
            task_title=accepted[offer_id].content.title,
            points=points.get(offer_id),
            granted_amount=decisions[offer_id].amount.amount,
        )
        for offer_id in order
    ]


@dataclass(frozen=True)
class PublishedLine:
    """One offer on a competition's published list of results."""

    offer_id: str
    organization_id: str
    organization_name: str
    task_title: str
    points: Decimal | None
    granted_amount: Decimal


@dataclass(frozen=True)
class PublishedResultsOf:
    """A competition's results as they were published (kept apart from the competition)."""

    competition_id: str
    title: str
    area: str
    published_at: datetime
    total_granted: Decimal
    lines: tuple[PublishedLine, ...]


def sum_granted(lines: Sequence[PublishedLine]) -> Decimal:
    """Return the sum of the grants on a list of results (for results stored without it)."""
    return sum((line.granted_amount for line in lines), Decimal(0))
