"""The Agreement aggregate: the contract that grants funds for one task (umowa)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from services.grants.domain.agreement.obligations import (
    REMINDER_DAYS,
    ObligationStatus,
    ReportKind,
    ReportObligation,
    final_report_due,
    obligation_status,
    report_obligations,
)
from services.grants.domain.common.budget import Budget, OwnContributionRule
from services.grants.domain.common.dates import DateRange
from services.grants.domain.common.money import Money
from services.grants.domain.common.rules import breach, conflict, reject_if_any
from services.grants.domain.offer.form import QuantitativeResult
from shared.contracts.base import EventContract
from shared.contracts.grants import (
    AgreementBudgetUpdated,
    AgreementReportDue,
    AgreementReportOverdue,
    AgreementSettled,
    AgreementSigned,
)
from shared.errors import FieldError, InvalidInput, NotFound, Text

__all__ = [
    "Agreement",
    "AgreementParty",
    "AgreementSource",
    "AgreementState",
    "SettlingReport",
]


class SettlingReport(Protocol):
    """What settling reads of the final report (the Report aggregate, without importing it)."""

    @property
    def id(self) -> str: ...

    @property
    def agreement_id(self) -> str: ...

    @property
    def obligation(self) -> ReportObligation: ...

    @property
    def is_accepted(self) -> bool: ...


class AgreementState(StrEnum):
    """Where an agreement is in its life."""

    PREPARED = "prepared"
    SIGNED = "signed"
    SETTLED = "settled"


@dataclass(frozen=True)
class AgreementParty:
    """A party to the agreement: the municipality (no organization id) or an organization."""

    name: str
    organization_id: str | None = None
    represented_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgreementSource:
    """What the agreement funds: a competition offer or a small grant (art. 19a)."""

    competition_id: str | None = None
    offer_id: str | None = None
    small_grant_id: str | None = None


@dataclass
class Agreement:
    """An agreement of one tenant with the organization(s) that carry out a task."""

    id: str
    tenant_id: str
    organization_id: str
    source: AgreementSource
    parties: tuple[AgreementParty, ...]
    amount: Money
    requested: Money
    task_period: DateRange
    budget: Budget
    expected_results: tuple[QuantitativeResult, ...]
    own_contribution: OwnContributionRule | None
    partial_report_due_dates: tuple[date, ...]
    prepared_by: str
    prepared_at: datetime
    state: AgreementState = AgreementState.PREPARED
    updated_budget: Budget | None = None
    signed_at: datetime | None = None
    settled_at: datetime | None = None
    notices_sent: set[str] = field(default_factory=set)
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def needs_updated_budget(self) -> bool:
        """Return whether the grant is lower than asked, so the budget must be updated."""
        return self.amount < self.requested

    @property
    def effective_budget(self) -> Budget:
        """Return the budget the organization reports against."""
        return self.updated_budget or self.budget

    @property
    def final_report_due(self) -> date:
        """Return the last day to hand in the final report."""
        return final_report_due(self.task_period.end)

    def obligations(self) -> list[ReportObligation]:
        """Return the reports the organization owes under this agreement."""
        return report_obligations(self.task_period, self.partial_report_due_dates)

    def obligation(self, key: str) -> ReportObligation | None:
        """Return the obligation with `key`, if the agreement has it."""
        return next((o for o in self.obligations() if o.key == key), None)

    def update_budget(self, budget: Budget, *, by: str, now: datetime) -> None:
        """Set the budget updated to the lower grant, before signing."""
        self._require(AgreementState.PREPARED, pl="zmienić budżetu", en="update the budget of")
        reject_if_any(
            self._updated_budget_errors(budget),
            "Zaktualizowany budżet nie odpowiada przyznanej dotacji.",
            "The updated budget does not match the grant.",
        )
        self.updated_budget = budget
        self.events.append(
            AgreementBudgetUpdated(
                agreement_id=self.id,
                organization_id=self.organization_id,
                amount=self.amount.amount,
                total_cost=budget.total.amount,
                updated_by=by,
                updated_at=now,
            )
        )

    def sign(self, *, now: datetime) -> None:
        """Record the signature of all parties."""
        self._require(AgreementState.PREPARED, pl="podpisać", en="sign")
        if self.needs_updated_budget and self.updated_budget is None:
            raise InvalidInput.for_field(
                "updated_budget",
                "Dotacja jest niższa niż wnioskowana: przed podpisaniem zaktualizuj budżet.",
                "The grant is lower than requested: update the budget before signing.",
                "updated-budget-required",
            )
        self.state, self.signed_at = AgreementState.SIGNED, now
        self.events.append(
            AgreementSigned(
                agreement_id=self.id,
                organization_id=self.organization_id,
                competition_id=self.source.competition_id,
                offer_id=self.source.offer_id,
                small_grant_id=self.source.small_grant_id,
                amount=self.amount.amount,
                task_start=self.task_period.start,
                task_end=self.task_period.end,
                final_report_due=self.final_report_due,
                signed_at=now,
            )
        )

    def record_report_notices(
        self, *, today: date, fulfilled: Collection[str], reminder_days: int = REMINDER_DAYS
    ) -> list[EventContract]:
        """Raise each due and overdue reminder once; `fulfilled` holds keys of reports in."""
        if self.state is not AgreementState.SIGNED:
            return []
        raised: list[EventContract] = []
        for obligation in self.obligations():
            status = obligation_status(
                obligation,
                today=today,
                fulfilled=obligation.key in fulfilled,
                reminder_days=reminder_days,
            )
            notice = f"{obligation.key}:{status}"
            if status in (ObligationStatus.DUE, ObligationStatus.OVERDUE) and (
                notice not in self.notices_sent
            ):
                self.notices_sent.add(notice)
                raised.append(self._notice(obligation, status, today))
        self.events.extend(raised)
        return raised

    def settle(self, report: SettlingReport, *, now: datetime) -> None:
        """Settle the task once its final report is accepted."""
        self._require(AgreementState.SIGNED, pl="rozliczyć", en="settle")
        if report.agreement_id != self.id:
            raise NotFound(detail=Text("Nie ma takiego sprawozdania.", "No such report."))
        if report.obligation.kind is not ReportKind.FINAL or not report.is_accepted:
            raise conflict(
                "Zadanie rozlicza przyjęte sprawozdanie końcowe.",
                "A task is settled by its accepted final report.",
                report_id=report.id,
            )
        self.state, self.settled_at = AgreementState.SETTLED, now
        self.events.append(
            AgreementSettled(
                agreement_id=self.id,
                organization_id=self.organization_id,
                final_report_id=report.id,
                settled_at=now,
            )
        )

    def _notice(
        self, obligation: ReportObligation, status: ObligationStatus, today: date
    ) -> EventContract:
        event = AgreementReportDue if status is ObligationStatus.DUE else AgreementReportOverdue
        return event(
            agreement_id=self.id,
            organization_id=self.organization_id,
            obligation=obligation.key,
            report_kind=obligation.kind.value,
            due_date=obligation.due_date,
            detected_on=today,
        )

    def _updated_budget_errors(self, budget: Budget) -> list[FieldError]:
        found = budget.errors("updated_budget")
        if budget.requested_grant != self.amount:
            found.append(
                breach(
                    "updated_budget.requested_grant",
                    f"Dotacja w budżecie musi równać się przyznanej kwocie ({self.amount}).",
                    f"The budget's grant must equal the amount granted ({self.amount}).",
                    "budget-grant-mismatch",
                )
            )
        if self.own_contribution is not None:
            found += self.own_contribution.breaches(budget, "updated_budget")
        return found

    def _require(self, *allowed: AgreementState, pl: str, en: str) -> None:
        if self.state not in allowed:
            raise conflict(
                f"Nie można {pl} umowy w stanie „{self.state}”.",
                f"Cannot {en} an agreement that is {self.state}.",
                state=self.state.value,
            )
