"""Use cases of support-centre staff: read-only totals of funds across member municipalities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from services.grants.domain.common.dates import local_date
from services.grants.domain.common.money import ZERO, Money
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.repository import CompetitionRepository, TenantDirectory
from services.grants.services.access import Access
from shared.public_benefit import PublicBenefitArea
from shared.tenancy import Principal

__all__ = ["CentreServices", "FundsLine", "FundsTotals"]

_COUNTED = (CompetitionState.RESOLVED, CompetitionState.ARCHIVED)


@dataclass
class FundsLine:
    """Funds of the competitions of one group (a municipality, a year, an area, or all)."""

    municipality_id: str | None = None
    municipality_name: str | None = None
    year: int | None = None
    area: str | None = None
    competitions: int = 0
    funds_announced: Money = ZERO
    funds_granted: Money = ZERO
    offers_granted: int = 0

    def add(self, competition: Competition) -> None:
        """Count one competition in."""
        self.competitions += 1
        self.funds_announced += competition.terms.total_funds
        if competition.state in _COUNTED:
            self.funds_granted += competition.granted_total
            self.offers_granted += sum(
                1 for d in competition.decisions.values() if d.amount.amount > 0
            )


@dataclass
class FundsTotals:
    """Lines by municipality, year and area, with subtotals along each and a grand total."""

    lines: list[FundsLine] = field(default_factory=list)
    by_municipality: list[FundsLine] = field(default_factory=list)
    by_year: list[FundsLine] = field(default_factory=list)
    by_area: list[FundsLine] = field(default_factory=list)
    total: FundsLine = field(default_factory=FundsLine)


@dataclass(frozen=True)
class CentreServices:
    """Figures across the municipalities a support centre serves."""

    competitions: CompetitionRepository
    tenants: TenantDirectory
    access: Access

    async def funds(
        self,
        principal: Principal,
        *,
        year: int | None,
        municipality_id: str | None,
        area: PublicBenefitArea | None,
    ) -> FundsTotals:
        """Return the funds announced and granted, by municipality, year and area."""
        context = await self.access.centres.municipality(principal, municipality_id)
        found = [
            c
            for c in await self.competitions.announced_in(context, year)
            if c.state is not CompetitionState.CANCELLED and (area is None or c.terms.area is area)
        ]
        names = {m: await self._name(m) for m in {c.tenant_id for c in found}}
        return FundsTotals(
            lines=_group(found, lambda c: (c.tenant_id, _year(c), c.terms.area.value), names),
            by_municipality=_group(found, lambda c: (c.tenant_id, None, None), names),
            by_year=_group(found, lambda c: (None, _year(c), None), names),
            by_area=_group(found, lambda c: (None, None, c.terms.area.value), names),
            total=next(iter(_group(found, lambda c: (None, None, None), names)), FundsLine()),
        )

    async def _name(self, tenant_id: str) -> str:
        record = await self.tenants.get(tenant_id)
        return record.name if record else tenant_id


Key = tuple[str | None, int | None, str | None]


def _year(competition: Competition) -> int | None:
    announced = competition.announced_at
    return local_date(announced).year if announced else None


def _group(
    competitions: Iterable[Competition],
    key: Callable[[Competition], Key],
    names: dict[str, str],
) -> list[FundsLine]:
    lines: dict[Key, FundsLine] = defaultdict(FundsLine)
    for competition in competitions:
        municipality, year, area = key(competition)
        line = lines[(municipality, year, area)]
        line.municipality_id, line.year, line.area = municipality, year, area
        line.municipality_name = names.get(municipality) if municipality else None
        line.add(competition)
    return [lines[k] for k in sorted(lines, key=lambda k: tuple(str(p or "") for p in k))]
