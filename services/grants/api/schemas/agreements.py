"""Bodies of agreements and reports."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from services.grants.api.schemas.common import Amount, DateRangeBody, ShortText, Strict, Text, money
from services.grants.api.schemas.offers import BudgetBody, BudgetLineBody
from services.grants.domain.agreement.agreement import Agreement, AgreementState
from services.grants.domain.common.budget import Budget
from services.grants.domain.report.contents import AchievedResult, Expense
from services.grants.domain.report.report import Report, ReportState
from services.grants.services.agreements import Representatives
from services.grants.services.reports import ReportContents, ReportWithAgreement

__all__ = [
    "AgreementView",
    "PrepareAgreementBody",
    "RemarksBody",
    "ReportContentsBody",
    "ReportDraftBody",
    "ReportView",
    "RepresentativesBody",
]


class RepresentativesBody(Strict):
    """Who signs for the municipality and for the organization."""

    municipality: list[ShortText] = Field(default_factory=list, max_length=5)
    organization: list[ShortText] = Field(default_factory=list, max_length=5)

    def to_representatives(self) -> Representatives:
        """Return the use case's value."""
        return Representatives(tuple(self.municipality), tuple(self.organization))


class PrepareAgreementBody(Strict):
    """The agreement for a granted offer."""

    offer_id: ShortText = Field(description="The granted offer.")
    representatives: RepresentativesBody = Field(default_factory=RepresentativesBody)
    task_period: DateRangeBody | None = Field(None, description="Default: the offer's period.")
    partial_report_due_dates: list[date] = Field(default_factory=list, max_length=12)


class PartyView(BaseModel):
    """A party to the agreement."""

    name: str
    organization_id: str | None = Field(description="None for the municipality.")
    represented_by: list[str]


class ExpectedResultView(BaseModel):
    """A result the agreement expects, measured by a number to reach."""

    name: str = Field(description="Name of the result; a report names it to say what was reached.")
    target_value: Decimal = Field(description="Level to reach.")
    unit: str = Field(description="Unit of the level.")


class ObligationView(BaseModel):
    """A report the organization owes."""

    key: str
    kind: str
    due_date: date


class AgreementView(BaseModel):
    """An agreement."""

    id: str
    organization_id: str
    competition_id: str | None
    offer_id: str | None
    small_grant_id: str | None
    state: AgreementState
    parties: list[PartyView]
    amount: Decimal
    requested: Decimal
    needs_updated_budget: bool
    task_period: DateRangeBody
    budget: BudgetBody
    updated_budget: BudgetBody | None
    obligations: list[ObligationView]
    expected_results: list[ExpectedResultView]
    prepared_at: datetime
    signed_at: datetime | None
    settled_at: datetime | None

    @classmethod
    def of(cls, agreement: Agreement) -> AgreementView:
        """Render an agreement."""
        source, updated = agreement.source, agreement.updated_budget
        return cls(
            id=agreement.id,
            organization_id=agreement.organization_id,
            competition_id=source.competition_id,
            offer_id=source.offer_id,
            small_grant_id=source.small_grant_id,
            state=agreement.state,
            parties=[
                PartyView(
                    name=p.name,
                    organization_id=p.organization_id,
                    represented_by=list(p.represented_by),
                )
                for p in agreement.parties
            ],
            amount=agreement.amount.amount,
            requested=agreement.requested.amount,
            needs_updated_budget=agreement.needs_updated_budget,
            task_period=DateRangeBody(
                start=agreement.task_period.start, end=agreement.task_period.end
            ),
            budget=_budget(agreement.budget),
            updated_budget=_budget(updated) if updated else None,
            obligations=[
                ObligationView(key=o.key, kind=o.kind.value, due_date=o.due_date)
                for o in agreement.obligations()
            ],
            expected_results=[
                ExpectedResultView(name=r.name, target_value=r.target_value, unit=r.unit)
                for r in agreement.expected_results
            ],
            prepared_at=agreement.prepared_at,
            signed_at=agreement.signed_at,
            settled_at=agreement.settled_at,
        )


def _budget(budget: Budget) -> BudgetBody:
    return BudgetBody(lines=[BudgetLineBody.of(line) for line in budget.lines])


class ReportDraftBody(Strict):
    """Which report to start."""

    obligation: ShortText = Field(description="final, or partial-<n>.")
    period: DateRangeBody | None = Field(None, description="A partial report's period.")


class AchievedResultBody(Strict):
    """The level reached for one expected result."""

    name: ShortText = Field(description="Name of the expected result.")
    achieved_value: Decimal = Field(max_digits=14, description="Level reached.")


class ExpenseBody(Strict):
    """Spending on one budget line of the agreement."""

    line_key: ShortText = Field(description="Mark of the budget line.")
    grant: Amount = Field(Decimal(0), description="From the grant.")
    own_financial: Amount = Field(Decimal(0), description="Own financial contribution.")
    in_kind: Amount = Field(Decimal(0), description="In-kind contribution.")
    volunteer_work: Amount = Field(Decimal(0), description="Volunteer work.")

    def to_expense(self) -> Expense:
        """Return the domain expense."""
        return Expense(
            self.line_key,
            money(self.grant),
            money(self.own_financial),
            money(self.in_kind),
            money(self.volunteer_work),
        )


class ReportContentsBody(Strict):
    """What the organization reports."""

    narrative: Text = Field("", description="Results achieved and actions carried out.")
    results: list[AchievedResultBody] = Field(default_factory=list, max_length=50)
    expenses: list[ExpenseBody] = Field(default_factory=list, max_length=200)

    def to_contents(self) -> ReportContents:
        """Return the use case's value."""
        return ReportContents(
            narrative=self.narrative,
            results=[AchievedResult(r.name, r.achieved_value) for r in self.results],
            expenses=[e.to_expense() for e in self.expenses],
        )


class RemarksBody(Strict):
    """What the organization must correct."""

    remarks: Text = Field(description="Remarks for the organization.")


class ReportView(BaseModel):
    """A report and how its results compare with the agreement's."""

    id: str
    agreement_id: str
    organization_id: str
    obligation: str
    kind: str
    due_date: date
    period: DateRangeBody
    state: ReportState
    narrative: str
    results: list[AchievedResultBody]
    expenses: list[ExpenseBody]
    grant_spent: Decimal
    remarks: str | None
    submitted_at: datetime | None

    @classmethod
    def of(cls, found: ReportWithAgreement | Report) -> ReportView:
        """Render a report."""
        report = found.report if isinstance(found, ReportWithAgreement) else found
        return cls(
            id=report.id,
            agreement_id=report.agreement_id,
            organization_id=report.organization_id,
            obligation=report.obligation.key,
            kind=report.obligation.kind.value,
            due_date=report.obligation.due_date,
            period=DateRangeBody(start=report.period.start, end=report.period.end),
            state=report.state,
            narrative=report.narrative,
            results=[
                AchievedResultBody(name=r.name, achieved_value=r.achieved_value)
                for r in report.results
            ],
            expenses=[
                ExpenseBody(
                    line_key=e.line_key,
                    grant=e.grant.amount,
                    own_financial=e.own_financial.amount,
                    in_kind=e.in_kind.amount,
                    volunteer_work=e.volunteer_work.amount,
                )
                for e in report.expenses
            ],
            grant_spent=report.grant_spent.amount,
            remarks=report.remarks,
            submitted_at=report.submitted_at,
        )
