"""Progress between rounds of one municipality, and a support centre's view of its members."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from services.consultations.domain.index.catalogue import Area
from services.consultations.domain.index.results import GroupScores, RoundResult
from shared.errors import InvalidInput

__all__ = [
    "CentreComparison",
    "Change",
    "MunicipalityTrack",
    "RoundAverage",
    "RoundComparison",
    "compare_municipalities",
    "compare_rounds",
]


@dataclass(frozen=True)
class Change:
    """How a score moved between two rounds (positive is progress); None when not comparable."""

    officers: float | None
    ngos: float | None
    combined: float | None


@dataclass(frozen=True)
class RoundComparison:
    """The change per area and overall from an earlier round to a later one."""

    tenant_id: str
    earlier_round_id: str
    later_round_id: str
    earlier_on: date
    later_on: date
    areas: dict[Area, Change]
    overall: Change


@dataclass(frozen=True)
class MunicipalityTrack:
    """A member municipality's rounds in order and its progress since the first diagnosis."""

    tenant_id: str
    rounds: tuple[RoundResult, ...]
    progress: RoundComparison | None


@dataclass(frozen=True)
class RoundAverage:
    """The members' average combined scores in their n-th round (1 is the first diagnosis)."""

    ordinal: int
    municipalities: int
    areas: dict[Area, float | None]
    overall: float | None


@dataclass(frozen=True)
class CentreComparison:
    """A support centre's comparison of its member municipalities, round by round."""

    municipalities: tuple[MunicipalityTrack, ...]
    averages: tuple[RoundAverage, ...]


def compare_rounds(earlier: RoundResult, later: RoundResult) -> RoundComparison:
    """Return the change per area and overall between two rounds of one municipality."""
    if earlier.tenant_id != later.tenant_id:
        raise InvalidInput.for_field(
            "compare_with",
            "Porównać można tylko rundy tej samej gminy.",
            "Only rounds of the same municipality can be compared.",
            "other-municipality",
        )
    if earlier.assessed_on > later.assessed_on:
        earlier, later = later, earlier
    return RoundComparison(
        tenant_id=later.tenant_id,
        earlier_round_id=earlier.round_id,
        later_round_id=later.round_id,
        earlier_on=earlier.assessed_on,
        later_on=later.assessed_on,
        areas={area: _change(earlier.areas[area], later.areas[area]) for area in Area},
        overall=_change(earlier.overall, later.overall),
    )


def compare_municipalities(
    results: Iterable[RoundResult], *, members: Collection[str]
) -> CentreComparison:
    """Line up the published rounds of a centre's members; other municipalities are left out."""
    by_member: dict[str, list[RoundResult]] = {tenant: [] for tenant in members}
    for result in results:
        if result.tenant_id in by_member:
            by_member[result.tenant_id].append(result)
    tracks = tuple(_track(tenant, rounds) for tenant, rounds in sorted(by_member.items()))
    depth = max((len(t.rounds) for t in tracks), default=0)
    return CentreComparison(
        municipalities=tracks,
        averages=tuple(_average(n, tracks) for n in range(1, depth + 1)),
    )


def _track(tenant_id: str, rounds: list[RoundResult]) -> MunicipalityTrack:
    ordered = tuple(sorted(rounds, key=lambda r: (r.assessed_on, r.round_id)))
    progress = compare_rounds(ordered[0], ordered[-1]) if len(ordered) > 1 else None
    return MunicipalityTrack(tenant_id, ordered, progress)


def _average(ordinal: int, tracks: tuple[MunicipalityTrack, ...]) -> RoundAverage:
    nth = [t.rounds[ordinal - 1] for t in tracks if len(t.rounds) >= ordinal]
    return RoundAverage(
        ordinal=ordinal,
        municipalities=len(nth),
        areas={area: _mean(r.areas[area].combined for r in nth) for area in Area},
        overall=_mean(r.overall.combined for r in nth),
    )


def _change(before: GroupScores, after: GroupScores) -> Change:
    return Change(
        _difference(before.officers, after.officers),
        _difference(before.ngos, after.ngos),
        _difference(before.combined, after.combined),
    )


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 2)


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None
