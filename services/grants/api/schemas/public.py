"""Bodies of the public views and of the support centre's totals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from services.grants.api.schemas.competitions import CriterionBody
from services.grants.domain.applicant import Applicant
from services.grants.domain.competition.competition import Competition
from services.grants.domain.competition.results import PublishedResultsOf
from services.grants.services.centre import FundsLine, FundsTotals

__all__ = [
    "ApplicantView",
    "FundsTotalsView",
    "PublicCompetitionView",
    "PublishedResultsView",
]


class PublicCompetitionView(BaseModel):
    """An open competition's announcement (art. 13(2) of the Act)."""

    id: str
    municipality_id: str
    title: str
    public_task: str
    area: str
    total_funds: Decimal
    funding_rules: str
    delivery_terms: str
    offer_deadline: datetime
    criteria: list[CriterionBody]
    min_grant: Decimal
    max_grant: Decimal
    task_start: date
    task_end: date
    selection_mode: str
    decision_date: date
    funds_spent_this_year: Decimal
    funds_spent_last_year: Decimal
    announced_at: datetime | None
    highlights: dict[str, str] | None = Field(
        None,
        description=(
            "Only with `q`: the title, public_task or area as escaped HTML with the matched "
            "words in <mark>."
        ),
    )

    @classmethod
    def of(
        cls, competition: Competition, highlights: dict[str, str] | None = None
    ) -> PublicCompetitionView:
        """Render the public announcement."""
        terms = competition.terms
        return cls(
            id=competition.id,
            municipality_id=competition.tenant_id,
            title=terms.title,
            public_task=terms.public_task,
            area=terms.area.value,
            total_funds=terms.total_funds.amount,
            funding_rules=terms.funding_rules,
            delivery_terms=terms.delivery_terms,
            offer_deadline=terms.offer_deadline,
            criteria=[
                CriterionBody(code=c.code, label=c.label, max_points=c.max_points)
                for c in terms.criteria
            ],
            min_grant=terms.min_grant.amount,
            max_grant=terms.max_grant.amount,
            task_start=terms.task_period.start,
            task_end=terms.task_period.end,
            selection_mode=terms.selection_mode,
            decision_date=terms.decision_date,
            funds_spent_this_year=terms.funds_spent_this_year.amount,
            funds_spent_last_year=terms.funds_spent_last_year.amount,
            announced_at=competition.announced_at,
            highlights=highlights,
        )


class ResultLineView(BaseModel):
    """One offer on the public list of results."""

    offer_id: str
    organization_id: str
    organization_name: str
    task_title: str
    points: Decimal | None
    granted_amount: Decimal


class PublishedResultsView(BaseModel):
    """The published results of one competition."""

    competition_id: str
    title: str
    area: str
    published_at: datetime
    total_granted: Decimal
    results: list[ResultLineView]

    @classmethod
    def of(cls, published: PublishedResultsOf) -> PublishedResultsView:
        """Render stored results."""
        return cls(
            competition_id=published.competition_id,
            title=published.title,
            area=published.area,
            published_at=published.published_at,
            total_granted=published.total_granted,
            results=[ResultLineView(**vars(line)) for line in published.lines],
        )


class FundsLineView(BaseModel):
    """Funds of one group of competitions."""

    municipality_id: str | None
    municipality_name: str | None
    year: int | None
    area: str | None
    competitions: int
    funds_announced: Decimal
    funds_granted: Decimal = Field(description="Granted in published results.")
    offers_granted: int

    @classmethod
    def of(cls, line: FundsLine) -> FundsLineView:
        """Render a line."""
        return cls(
            municipality_id=line.municipality_id,
            municipality_name=line.municipality_name,
            year=line.year,
            area=line.area,
            competitions=line.competitions,
            funds_announced=line.funds_announced.amount,
            funds_granted=line.funds_granted.amount,
            offers_granted=line.offers_granted,
        )


class FundsTotalsView(BaseModel):
    """Funds by municipality, year and area, subtotals along each, and the grand total."""

    lines: list[FundsLineView]
    by_municipality: list[FundsLineView]
    by_year: list[FundsLineView]
    by_area: list[FundsLineView]
    total: FundsLineView

    @classmethod
    def of(cls, totals: FundsTotals) -> FundsTotalsView:
        """Render the totals."""
        return cls(
            lines=[FundsLineView.of(line) for line in totals.lines],
            by_municipality=[FundsLineView.of(line) for line in totals.by_municipality],
            by_year=[FundsLineView.of(line) for line in totals.by_year],
            by_area=[FundsLineView.of(line) for line in totals.by_area],
            total=FundsLineView.of(totals.total),
        )


class ApplicantView(BaseModel):
    """What grants knows of an organization (from the registry's events)."""

    id: str
    home_tenant_id: str
    name: str
    status: str
    verified: bool
    may_apply: bool = Field(description="Active and verified: its offers are accepted.")

    @classmethod
    def of(cls, applicant: Applicant) -> ApplicantView:
        """Render an applicant."""
        return cls(
            id=applicant.id,
            home_tenant_id=applicant.home_tenant_id,
            name=applicant.name,
            status=applicant.status,
            verified=applicant.verified,
            may_apply=applicant.status == "active" and applicant.verified,
        )
