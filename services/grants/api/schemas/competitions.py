"""Bodies of competitions: the announcement's terms, states, decisions and results."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import AwareDatetime, BaseModel, Field

from services.grants.api.schemas.common import Amount, DateRangeBody, ShortText, Strict, Text, money
from services.grants.domain.common.budget import OwnContributionRule
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.domain.competition.terms import CompetitionTerms, Criterion
from shared.public_benefit import PublicBenefitArea

__all__ = [
    "CancelBody",
    "CompetitionTermsBody",
    "CompetitionView",
    "CopyBody",
    "CriterionBody",
    "GrantDecisionBody",
    "OwnContributionBody",
]

Percent = Decimal


class CriterionBody(Strict):
    """A criterion of the merit evaluation."""

    code: ShortText = Field(description="Stable code, e.g. `quality`.")
    label: ShortText = Field(description="What the committee judges.")
    # The upper bound keeps the number storable (BSON holds 8-byte integers at most).
    max_points: int = Field(le=1_000, description="Most points the criterion gives.")


class OwnContributionBody(Strict):
    """The own contribution required, in percent of the task's total cost."""

    total_percent: Percent = Field(Decimal(0), description="Whole own contribution, minimum %.")
    financial_percent: Percent = Field(Decimal(0), description="Financial part, minimum %.")
    non_financial_percent: Percent = Field(Decimal(0), description="In-kind and volunteer, %.")


class CompetitionTermsBody(Strict):
    """What the announcement holds (art. 13(2) of the Act)."""

    title: ShortText = Field(description="Title of the competition.")
    public_task: Text = Field(description="The public task funded.")
    area: PublicBenefitArea = Field(description="Sphere of public tasks (art. 4(1)).")
    total_funds: Amount = Field(description="Funds of the whole competition.")
    funding_rules: Text = Field(description="Rules of awarding the grants.")
    delivery_terms: Text = Field(description="Dates and conditions of delivering the task.")
    offer_deadline: AwareDatetime = Field(description="Moment from which offers are refused.")
    criteria: list[CriterionBody] = Field(max_length=30, description="Criteria with max points.")
    min_grant: Amount = Field(description="Smallest grant one offer may ask for.")
    max_grant: Amount = Field(description="Largest grant one offer may ask for.")
    task_period: DateRangeBody = Field(description="When funded tasks may run.")
    selection_mode: Text = Field(description="Mode and criteria of choosing offers.")
    decision_date: date = Field(description="Day by which the offers will be chosen.")
    funds_spent_this_year: Amount = Field(description="Spent on such tasks this year so far.")
    funds_spent_last_year: Amount = Field(description="Spent on such tasks last year.")
    own_contribution: OwnContributionBody | None = Field(None, description="Required share.")

    def to_terms(self) -> CompetitionTerms:
        """Return the domain terms."""
        own = self.own_contribution
        return CompetitionTerms(
            title=self.title,
            public_task=self.public_task,
            area=self.area,
            total_funds=money(self.total_funds),
            funding_rules=self.funding_rules,
            delivery_terms=self.delivery_terms,
            offer_deadline=self.offer_deadline,
            criteria=tuple(Criterion(c.code, c.label, c.max_points) for c in self.criteria),
            min_grant=money(self.min_grant),
            max_grant=money(self.max_grant),
            task_period=self.task_period.to_range("task_period"),
            selection_mode=self.selection_mode,
            decision_date=self.decision_date,
            funds_spent_this_year=money(self.funds_spent_this_year),
            funds_spent_last_year=money(self.funds_spent_last_year),
            own_contribution=OwnContributionRule(**own.model_dump()) if own else None,
        )

    @classmethod
    def of(cls, terms: CompetitionTerms) -> CompetitionTermsBody:
        """Render the domain terms."""
        own = terms.own_contribution
        period = DateRangeBody.of(terms.task_period)
        assert period is not None
        return cls(
            title=terms.title,
            public_task=terms.public_task,
            area=terms.area,
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
            task_period=period,
            selection_mode=terms.selection_mode,
            decision_date=terms.decision_date,
            funds_spent_this_year=terms.funds_spent_this_year.amount,
            funds_spent_last_year=terms.funds_spent_last_year.amount,
            own_contribution=OwnContributionBody(
                total_percent=own.total_percent,
                financial_percent=own.financial_percent,
                non_financial_percent=own.non_financial_percent,
            )
            if own
            else None,
        )


class GrantView(BaseModel):
    """The grant decided for one offer."""

    offer_id: str
    organization_id: str
    amount: Decimal
    decided_by: str
    decided_at: datetime


class CompetitionView(BaseModel):
    """A competition as its officers see it."""

    id: str
    tenant_id: str = Field(description="TERYT code of the municipality.")
    state: CompetitionState
    terms: CompetitionTermsBody
    copied_from: str | None = None
    drafted_by: str
    drafted_at: datetime
    announced_at: datetime | None = None
    closed_at: datetime | None = None
    resolved_at: datetime | None = None
    cancellation_reason: str | None = None
    grants: list[GrantView] = Field(description="Grants decided so far.")
    granted_total: Decimal = Field(description="Sum of the grants decided.")
    funds_left: Decimal = Field(description="Funds not yet granted.")

    @classmethod
    def of(cls, competition: Competition) -> CompetitionView:
        """Render a competition."""
        return cls(
            id=competition.id,
            tenant_id=competition.tenant_id,
            state=competition.state,
            terms=CompetitionTermsBody.of(competition.terms),
            copied_from=competition.copied_from,
            drafted_by=competition.drafted_by,
            drafted_at=competition.drafted_at,
            announced_at=competition.announced_at,
            closed_at=competition.closed_at,
            resolved_at=competition.resolved_at,
            cancellation_reason=competition.cancellation_reason,
            grants=[
                GrantView(
                    offer_id=d.offer_id,
                    organization_id=d.organization_id,
                    amount=d.amount.amount,
                    decided_by=d.decided_by,
                    decided_at=d.decided_at,
                )
                for d in competition.decisions.values()
            ],
            granted_total=competition.granted_total.amount,
            funds_left=(competition.terms.total_funds - competition.granted_total).amount,
        )


class CopyBody(Strict):
    """How to copy an earlier competition."""

    shift_years: int = Field(0, ge=0, le=5, description="Move every date by this many years.")


class CancelBody(Strict):
    """Why the competition is cancelled (published)."""

    reason: Text = Field(description="Reason of the cancellation.")


class GrantDecisionBody(Strict):
    """The grant decided for an offer (zero: no grant)."""

    amount: Decimal = Field(max_digits=14, decimal_places=2, description="Grant in PLN.")
