"""Yearly participation figures per organization and per municipality, derived from facts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.monitoring.ledger import ActivityFacts

__all__ = [
    "MunicipalityFigures",
    "OrganizationFigures",
    "municipality_figures",
    "organization_figures",
]


@dataclass(frozen=True)
class OrganizationFigures:
    """What one organization did in one municipality in one year."""

    tenant_id: str
    organization_id: str
    year: int
    consultations: int
    comments: int
    comments_accepted: int
    comments_partly_accepted: int
    survey_responses: int
    offers_submitted: int
    offers_granted: int
    funds_granted: Decimal
    reports_submitted: int
    reports_on_time: int

    @property
    def is_active(self) -> bool:
        """Return whether the organization took part in anything that year."""
        return bool(self.consultations or self.offers_submitted or self.reports_submitted)


@dataclass(frozen=True)
class MunicipalityFigures:
    """A municipality's year: its organizations' figures and the totals."""

    tenant_id: str
    year: int
    organizations_registered: int
    active_organizations: int
    consultations_held: int
    consultations_with_organizations: int
    comments: int  # by everyone: organizations, residents, council members
    comments_by_organizations: int
    comments_accepted: int
    comments_partly_accepted: int
    offers_submitted: int
    offers_granted: int
    funds_granted: Decimal
    reports_submitted: int
    reports_on_time: int
    organizations: tuple[OrganizationFigures, ...]


def organization_figures(facts: ActivityFacts) -> OrganizationFigures:
    """Count one organization's facts of one year."""
    if facts.key.organization_id is None:
        raise ValueError("these facts belong to no organization")
    verdicts = [verdict for _, verdict in facts.verdicts.values()]
    granted = [amount for _, amount in facts.grants.values()]
    return OrganizationFigures(
        tenant_id=facts.key.tenant_id,
        organization_id=facts.key.organization_id,
        year=facts.key.year,
        consultations=len(facts.consultations),
        comments=len(facts.comments),
        comments_accepted=verdicts.count(Verdict.ACCEPTED),
        comments_partly_accepted=verdicts.count(Verdict.PARTLY_ACCEPTED),
        survey_responses=len(facts.survey_responses),
        offers_submitted=len(facts.offers),
        offers_granted=sum(1 for amount in granted if amount > 0),
        funds_granted=sum(granted, Decimal(0)),
        reports_submitted=len(facts.reports),
        reports_on_time=sum(1 for _, on_time in facts.reports.values() if on_time),
    )


def municipality_figures(
    tenant_id: str, year: int, facts: Iterable[ActivityFacts]
) -> MunicipalityFigures:
    """Sum a municipality's facts of one year into its figures."""
    mine = [f for f in facts if (f.key.tenant_id, f.key.year) == (tenant_id, year)]
    by_org = tuple(
        organization_figures(f)
        for f in sorted(mine, key=lambda f: f.key.organization_id or "")
        if f.key.organization_id is not None
    )
    opened = set().union(*(f.consultations_opened for f in mine))
    joined_by_organizations = set().union(
        *(f.consultations for f in mine if f.key.organization_id is not None)
    )
    return MunicipalityFigures(
        tenant_id=tenant_id,
        year=year,
        organizations_registered=sum(
            1 for f in mine if f.key.organization_id and f.registered_name
        ),
        active_organizations=sum(1 for o in by_org if o.is_active),
        consultations_held=len(opened),
        consultations_with_organizations=len(joined_by_organizations),
        comments=sum(len(f.comments) for f in mine),
        comments_by_organizations=sum(o.comments for o in by_org),
        comments_accepted=_answered(mine, Verdict.ACCEPTED),
        comments_partly_accepted=_answered(mine, Verdict.PARTLY_ACCEPTED),
        offers_submitted=sum(o.offers_submitted for o in by_org),
        offers_granted=sum(o.offers_granted for o in by_org),
        funds_granted=sum((o.funds_granted for o in by_org), Decimal(0)),
        reports_submitted=sum(o.reports_submitted for o in by_org),
        reports_on_time=sum(o.reports_on_time for o in by_org),
        organizations=by_org,
    )


def _answered(facts: Iterable[ActivityFacts], verdict: Verdict) -> int:
    return sum(1 for f in facts for _, given in f.verdicts.values() if given is verdict)
