"""Bodies of offers: the statutory form's parts, totals computed by the server, breaches."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from services.grants.api.schemas.common import (
    Amount,
    BreachView,
    DateRangeBody,
    ShortText,
    Strict,
    Text,
    money,
)
from services.grants.domain.common.budget import Budget, BudgetLine, CostCategory
from services.grants.domain.offer.form import Action, OfferContent, Partner, QuantitativeResult
from services.grants.domain.offer.formal_review import STANDARD_CHECKLIST
from services.grants.domain.offer.offer import Offer, OfferState
from services.grants.services.offers import CheckedOffer
from shared.errors import FieldError

__all__ = [
    "BudgetBody",
    "ChecklistItemView",
    "FormalReviewBody",
    "OfferContentBody",
    "OfferView",
    "checklist",
]


class ActionBody(Strict):
    """One action of the schedule."""

    name: ShortText = Field(description="Name of the action.")
    description: Text = Field("", description="What happens.")
    period: DateRangeBody = Field(description="When it happens.")
    performer: ShortText = Field("", description="Who carries it out, if not a party.")


class QuantitativeResultBody(Strict):
    """An expected result with the number to reach."""

    name: ShortText = Field(description="What is counted.")
    target_value: Decimal = Field(max_digits=14, description="Target value.")
    unit: ShortText = Field(description="Unit, e.g. persons.")
    verification: ShortText = Field("", description="How it is verified.")


class BudgetLineBody(Strict):
    """One cost line and its sources."""

    key: ShortText = Field(description="Line mark, e.g. I.1.")
    category: CostCategory = Field(description="action or administrative cost.")
    name: ShortText = Field(description="Kind of cost.")
    requested_grant: Amount = Field(Decimal(0), description="Paid from the grant.")
    own_financial: Amount = Field(Decimal(0), description="Own financial contribution.")
    in_kind: Amount = Field(Decimal(0), description="In-kind contribution.")
    volunteer_work: Amount = Field(Decimal(0), description="Volunteer work.")

    def to_line(self) -> BudgetLine:
        """Return the domain line."""
        return BudgetLine(
            self.key,
            self.category,
            self.name,
            money(self.requested_grant),
            money(self.own_financial),
            money(self.in_kind),
            money(self.volunteer_work),
        )

    @classmethod
    def of(cls, line: BudgetLine) -> BudgetLineBody:
        """Render a domain line."""
        return cls(
            key=line.key,
            category=line.category,
            name=line.name,
            requested_grant=line.requested_grant.amount,
            own_financial=line.own_financial.amount,
            in_kind=line.in_kind.amount,
            volunteer_work=line.volunteer_work.amount,
        )


class BudgetBody(Strict):
    """Cost lines; every total is computed by the server."""

    lines: list[BudgetLineBody] = Field(default_factory=list, max_length=200)

    def to_budget(self) -> Budget:
        """Return the domain budget."""
        return Budget(tuple(line.to_line() for line in self.lines))


class PartnerBody(Strict):
    """A partner of a joint offer."""

    organization_id: ShortText = Field(description="Platform id of the partner.")
    name: ShortText = Field(description="Its name.")


class OfferContentBody(Strict):
    """What the applicant writes; a draft may leave parts empty."""

    title: ShortText = Field("", description="Title of the task.")
    place: ShortText = Field("", description="Where it is carried out.")
    description: Text = Field("", description="Synthetic description of the task.")
    task_period: DateRangeBody | None = Field(None, description="When the task runs.")
    schedule: list[ActionBody] = Field(default_factory=list, max_length=100)
    quantitative_results: list[QuantitativeResultBody] = Field(default_factory=list, max_length=50)
    qualitative_results: list[Text] = Field(default_factory=list, max_length=50)
    budget: BudgetBody = Field(default_factory=BudgetBody)
    partners: list[PartnerBody] = Field(default_factory=list, max_length=20)

    def to_content(self) -> OfferContent:
        """Return the domain contents."""
        return OfferContent(
            title=self.title,
            place=self.place,
            description=self.description,
            task_period=self.task_period.to_range("task_period") if self.task_period else None,
            schedule=tuple(
                Action(
                    a.name, a.description, a.period.to_range(f"schedule[{i}].period"), a.performer
                )
                for i, a in enumerate(self.schedule)
            ),
            quantitative_results=tuple(
                QuantitativeResult(r.name, r.target_value, r.unit, r.verification)
                for r in self.quantitative_results
            ),
            qualitative_results=tuple(self.qualitative_results),
            budget=self.budget.to_budget(),
            partners=tuple(Partner(p.organization_id, p.name) for p in self.partners),
        )

    @classmethod
    def of(cls, content: OfferContent) -> OfferContentBody:
        """Render domain contents."""
        return cls(
            title=content.title,
            place=content.place,
            description=content.description,
            task_period=DateRangeBody.of(content.task_period),
            schedule=[
                ActionBody(
                    name=a.name,
                    description=a.description,
                    period=DateRangeBody(start=a.period.start, end=a.period.end),
                    performer=a.performer,
                )
                for a in content.schedule
            ],
            quantitative_results=[
                QuantitativeResultBody(
                    name=r.name,
                    target_value=r.target_value,
                    unit=r.unit,
                    verification=r.verification,
                )
                for r in content.quantitative_results
            ],
            qualitative_results=list(content.qualitative_results),
            budget=BudgetBody(lines=[BudgetLineBody.of(line) for line in content.budget.lines]),
            partners=[
                PartnerBody(organization_id=p.organization_id, name=p.name)
                for p in content.partners
            ],
        )


class TotalsView(BaseModel):
    """Totals of the budget, computed by the server."""

    requested_grant: Decimal
    own_financial: Decimal
    own_non_financial: Decimal
    own_contribution: Decimal
    total_cost: Decimal
    own_contribution_percent: Decimal = Field(description="Own contribution in % of the cost.")

    @classmethod
    def of(cls, budget: Budget) -> TotalsView:
        """Compute the totals of a budget."""
        share = budget.own_contribution.percent_of(budget.total)
        return cls(
            requested_grant=budget.requested_grant.amount,
            own_financial=budget.own_financial.amount,
            own_non_financial=budget.own_non_financial.amount,
            own_contribution=budget.own_contribution.amount,
            total_cost=budget.total.amount,
            own_contribution_percent=share.quantize(Decimal("0.01")),
        )


class FormalReviewView(BaseModel):
    """The outcome of the formal review."""

    answers: dict[str, bool]
    accepted: bool
    failed_checks: list[str]
    reason: str | None
    reviewed_by: str
    reviewed_at: datetime


class OfferView(BaseModel):
    """An offer with its totals and, while a draft, every breach of the competition's terms."""

    id: str
    competition_id: str
    organization_id: str
    organization_name: str
    state: OfferState
    content: OfferContentBody
    totals: TotalsView
    breaches: list[BreachView] = Field(description="What must change before it can be submitted.")
    drafted_by: str
    drafted_at: datetime
    submitted_at: datetime | None = None
    formal_review: FormalReviewView | None = None

    @classmethod
    def checked(cls, checked: CheckedOffer, language: str) -> OfferView:
        """Render an offer checked against its competition."""
        return cls.of(checked.offer, language, checked.breaches)

    @classmethod
    def of(cls, offer: Offer, language: str, breaches: Sequence[FieldError] = ()) -> OfferView:
        """Render an offer, and the breaches found in it, in the caller's language."""
        review = offer.formal_review
        return cls(
            id=offer.id,
            competition_id=offer.competition_id,
            organization_id=offer.organization_id,
            organization_name=offer.organization_name,
            state=offer.state,
            content=OfferContentBody.of(offer.content),
            totals=TotalsView.of(offer.budget),
            breaches=[BreachView.of(b, language) for b in breaches],
            drafted_by=offer.drafted_by,
            drafted_at=offer.drafted_at,
            submitted_at=offer.submitted_at,
            formal_review=FormalReviewView(
                answers=dict(review.answers),
                accepted=review.accepted,
                failed_checks=review.failed_checks,
                reason=review.reason,
                reviewed_by=review.reviewed_by,
                reviewed_at=review.reviewed_at,
            )
            if review
            else None,
        )


class FormalReviewBody(Strict):
    """The officer's answers to the checklist, and why a rejected offer fails."""

    answers: dict[str, bool] = Field(description="Item code → whether the offer meets it.")
    reason: Text | None = Field(None, description="Why it is rejected (required then).")


class ChecklistItemView(BaseModel):
    """One item of the formal review checklist."""

    code: str
    label: str


def checklist(language: str) -> list[ChecklistItemView]:
    """Return the checklist in the caller's language."""
    return [
        ChecklistItemView(code=item.code, label=item.label.in_language(language))
        for item in STANDARD_CHECKLIST
    ]
