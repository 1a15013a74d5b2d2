"""The Report aggregate: partial and final reports on a task (sprawozdanie)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.grants.domain.agreement.agreement import Agreement, AgreementState
from services.grants.domain.agreement.obligations import ReportKind, ReportObligation
from services.grants.domain.common.dates import DateRange, local_date
from services.grants.domain.common.money import Money
from services.grants.domain.common.rules import blank, breach, conflict, reject_if_any, require_text
from services.grants.domain.report.contents import AchievedResult, Expense, ResultComparison
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.grants import (
    ReportAccepted,
    ReportDrafted,
    ReportReturned,
    ReportRevised,
    ReportSubmitted,
)
from shared.errors import FieldError, InvalidInput

__all__ = [
    "Report",
    "ReportState",
    "draft_report",
]


class ReportState(StrEnum):
    """Where a report is in its life."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


@dataclass
class Report:
    """A report the organization owes under an agreement."""

    id: str
    tenant_id: str
    agreement_id: str
    organization_id: str
    obligation: ReportObligation
    period: DateRange
    drafted_by: str
    drafted_at: datetime
    narrative: str = ""
    results: tuple[AchievedResult, ...] = ()
    expenses: tuple[Expense, ...] = ()
    state: ReportState = ReportState.DRAFT
    submitted_at: datetime | None = None
    remarks: str | None = None
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def is_accepted(self) -> bool:
        """Return whether the officer accepted the report."""
        return self.state is ReportState.ACCEPTED

    @property
    def grant_spent(self) -> Money:
        """Return the grant spent over every line."""
        return Money.total(expense.grant for expense in self.expenses)

    def compare_results(self, agreement: Agreement) -> list[ResultComparison]:
        """Return each expected result with the level the report says was achieved."""
        achieved = {result.name: result.achieved_value for result in self.results}
        return [
            ResultComparison(e.name, e.unit, e.target_value, achieved.get(e.name))
            for e in agreement.expected_results
        ]

    def revise(
        self,
        *,
        narrative: str,
        results: Sequence[AchievedResult],
        expenses: Sequence[Expense],
        by: str,
        now: datetime,
    ) -> None:
        """Replace the contents of a draft or of a returned report."""
        self._require(ReportState.DRAFT, ReportState.RETURNED, pl="zmienić", en="change")
        self.narrative, self.results, self.expenses = narrative, tuple(results), tuple(expenses)
        self.events.append(
            ReportRevised(
                report_id=self.id,
                agreement_id=self.agreement_id,
                organization_id=self.organization_id,
                revised_by=by,
                revised_at=now,
            )
        )

    def submit(self, agreement: Agreement, *, by: str, now: datetime) -> None:
        """Hand the report in; a final report only once the task has ended."""
        self._require(ReportState.DRAFT, ReportState.RETURNED, pl="złożyć", en="submit")
        if self.obligation.kind is ReportKind.FINAL and local_date(now) < agreement.task_period.end:
            raise conflict(
                "Sprawozdanie końcowe składa się po zakończeniu zadania.",
                "The final report is handed in after the task ends.",
                task_end=agreement.task_period.end.isoformat(),
            )
        reject_if_any(
            self.errors(agreement),
            "Sprawozdanie jest niekompletne lub niezgodne z umową.",
            "The report is incomplete or does not match the agreement.",
        )
        self.state, self.submitted_at, self.remarks = ReportState.SUBMITTED, now, None
        self.events.append(
            ReportSubmitted(
                report_id=self.id,
                agreement_id=self.agreement_id,
                organization_id=self.organization_id,
                obligation=self.obligation.key,
                report_kind=self.obligation.kind.value,
                grant_spent=self.grant_spent.amount,
                submitted_by=by,
                submitted_at=now,
            )
        )

    def accept(self, *, by: str, now: datetime) -> None:
        """Accept the report."""
        self._require(ReportState.SUBMITTED, pl="przyjąć", en="accept")
        self.state = ReportState.ACCEPTED
        self.events.append(
            ReportAccepted(
                report_id=self.id,
                agreement_id=self.agreement_id,
                organization_id=self.organization_id,
                report_kind=self.obligation.kind.value,
                accepted_by=by,
                accepted_at=now,
            )
        )

    def return_with_remarks(self, remarks: str, *, by: str, now: datetime) -> None:
        """Send the report back to the organization with what to correct."""
        self._require(ReportState.SUBMITTED, pl="zwrócić", en="return")
        self.remarks = require_text(remarks, "remarks")
        self.state = ReportState.RETURNED
        self.events.append(
            ReportReturned(
                report_id=self.id,
                agreement_id=self.agreement_id,
                organization_id=self.organization_id,
                report_kind=self.obligation.kind.value,
                remarks=self.remarks,
                returned_by=by,
                returned_at=now,
            )
        )

    def errors(self, agreement: Agreement) -> list[FieldError]:
        """Return every part missing or not matching the agreement, by field."""
        found = blank("narrative", self.narrative)
        found += _result_errors(self.results, agreement)
        found += _expense_errors(self.expenses, agreement)
        if self.grant_spent > agreement.amount:
            found.append(
                breach(
                    "expenses",
                    f"Wydatki z dotacji przekraczają kwotę umowy ({agreement.amount}).",
                    f"Spending from the grant exceeds the agreed amount ({agreement.amount}).",
                    "grant-overspent",
                )
            )
        return found

    def _require(self, *allowed: ReportState, pl: str, en: str) -> None:
        if self.state not in allowed:
            raise conflict(
                f"Nie można {pl} sprawozdania w stanie „{self.state}”.",
                f"Cannot {en} a report that is {self.state}.",
                state=self.state.value,
            )


def draft_report(
    agreement: Agreement,
    *,
    obligation_key: str,
    by: str,
    now: datetime,
    period: DateRange | None = None,
    report_id: str | None = None,
) -> Report:
    """Start a report for one obligation of a signed agreement."""
    if agreement.state is not AgreementState.SIGNED:
        raise conflict(
            "Sprawozdania składa się do podpisanej, nierozliczonej umowy.",
            "Reports are made under a signed agreement not yet settled.",
            state=agreement.state.value,
        )
    obligation = agreement.obligation(obligation_key)
    if obligation is None:
        raise InvalidInput.for_field(
            "obligation",
            "Umowa nie przewiduje takiego sprawozdania.",
            "The agreement asks for no such report.",
            "obligation-unknown",
        )
    covered = _covered_period(agreement, obligation, period)
    report = Report(
        id=report_id or new_id(),
        tenant_id=agreement.tenant_id,
        agreement_id=agreement.id,
        organization_id=agreement.organization_id,
        obligation=obligation,
        period=covered,
        drafted_by=by,
        drafted_at=now,
    )
    report.events.append(
        ReportDrafted(
            report_id=report.id,
            agreement_id=agreement.id,
            organization_id=agreement.organization_id,
            obligation=obligation.key,
            drafted_by=by,
            drafted_at=now,
        )
    )
    return report


def _covered_period(
    agreement: Agreement, obligation: ReportObligation, period: DateRange | None
) -> DateRange:
    # The final report covers the whole task; a partial one the period it names.
    if obligation.kind is ReportKind.FINAL:
        return agreement.task_period
    if period is None or not agreement.task_period.covers(period):
        raise InvalidInput.for_field(
            "period",
            "Okres sprawozdawczy musi mieścić się w okresie realizacji zadania.",
            "The period reported on lies within the task period.",
            "period-outside",
        )
    return period


def _result_errors(results: Sequence[AchievedResult], agreement: Agreement) -> list[FieldError]:
    expected = {result.name for result in agreement.expected_results}
    return [
        breach(
            f"results[{index}].name",
            "Umowa nie przewiduje takiego rezultatu.",
            "The agreement expects no such result.",
            "result-unknown",
        )
        for index, result in enumerate(results)
        if result.name not in expected
    ]


def _expense_errors(expenses: Sequence[Expense], agreement: Agreement) -> list[FieldError]:
    budget = agreement.effective_budget
    found: list[FieldError] = []
    seen: set[str] = set()
    for index, expense in enumerate(expenses):
        if budget.line(expense.line_key) is None or expense.line_key in seen:
            found.append(
                breach(
                    f"expenses[{index}].line_key",
                    "Nieznana lub powtórzona pozycja budżetu.",
                    "Unknown or repeated budget line.",
                    "budget-line-unknown",
                )
            )
        seen.add(expense.line_key)
        amounts = (expense.grant, expense.own_financial, expense.in_kind, expense.volunteer_work)
        if any(amount.is_negative for amount in amounts):
            found.append(
                breach(
                    f"expenses[{index}]",
                    "Kwota nie może być ujemna.",
                    "An amount cannot be negative.",
                    "money-negative",
                )
            )
    return found
