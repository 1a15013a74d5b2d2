"""Reports: drafting, submission, acceptance or return, settlement and due dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from services.grants.domain.agreement.agreement import Agreement, AgreementState
from services.grants.domain.agreement.obligations import (
    ObligationStatus,
    ReportKind,
    ReportObligation,
    obligation_status,
)
from services.grants.domain.common.dates import DateRange
from services.grants.domain.report.contents import AchievedResult, Expense
from services.grants.domain.report.report import Report, ReportState, draft_report
from shared.contracts.grants import (
    AgreementSettled,
    ReportAccepted,
    ReportDrafted,
    ReportReturned,
    ReportRevised,
    ReportSubmitted,
)
from shared.errors import Conflict, InvalidInput

from .factories import NGO_MEMBER, OFFICER, pln, signed_agreement

AFTER_TASK = datetime(2026, 11, 5, 10, 0, tzinfo=UTC)


def expense(line_key: str = "I.1", grant: str | int = 19_000) -> Expense:
    return Expense(line_key, pln(grant), pln(2_000), pln(500), pln(500))


def filled(agreement: Agreement, key: str = "final", **kwargs: Any) -> Report:
    report = draft_report(agreement, obligation_key=key, by=NGO_MEMBER, now=AFTER_TASK, **kwargs)
    report.revise(
        narrative="Zajęcia odbyły się zgodnie z harmonogramem.",
        results=[AchievedResult("Uczestnicy", Decimal(42))],
        expenses=[expense()],
        by=NGO_MEMBER,
        now=AFTER_TASK,
    )
    return report


def submitted_final() -> tuple[Agreement, Report]:
    agreement = signed_agreement()
    report = filled(agreement)
    report.submit(agreement, by=NGO_MEMBER, now=AFTER_TASK)
    return agreement, report


class TestDraftReport:
    def test_final_report_covers_the_whole_task(self) -> None:
        agreement = signed_agreement()
        report = draft_report(agreement, obligation_key="final", by=NGO_MEMBER, now=AFTER_TASK)
        assert report.period == agreement.task_period
        [event] = report.events
        assert isinstance(event, ReportDrafted) and event.obligation == "final"

    def test_refuses_an_obligation_the_agreement_lacks(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            draft_report(
                signed_agreement(), obligation_key="partial-1", by=NGO_MEMBER, now=AFTER_TASK
            )
        assert caught.value.errors[0].field == "obligation"

    def test_partial_report_names_a_period_inside_the_task(self) -> None:
        agreement = signed_agreement(partial_report_due_dates=[date(2026, 7, 15)])
        with pytest.raises(InvalidInput) as caught:
            draft_report(
                agreement,
                obligation_key="partial-1",
                by=NGO_MEMBER,
                now=AFTER_TASK,
                period=DateRange(date(2026, 4, 1), date(2026, 6, 30)),
            )
        assert caught.value.errors[0].field == "period"

    def test_revising_is_an_event(self) -> None:
        report = filled(signed_agreement())
        assert isinstance(report.events[-1], ReportRevised)
        assert report.events[-1].revised_by == NGO_MEMBER


class TestSubmitReport:
    def test_submits_with_grant_spent(self) -> None:
        _, report = submitted_final()
        assert report.state is ReportState.SUBMITTED
        event = report.events[-1]
        assert isinstance(event, ReportSubmitted) and event.grant_spent == Decimal("19000.00")

    def test_refuses_a_final_report_before_the_task_ends(self) -> None:
        agreement = signed_agreement()
        report = filled(agreement)
        with pytest.raises(Conflict):
            report.submit(agreement, by=NGO_MEMBER, now=datetime(2026, 10, 1, tzinfo=UTC))

    def test_refuses_unknown_lines_results_and_overspending(self) -> None:
        agreement = signed_agreement()
        report = filled(agreement)
        report.revise(
            narrative="",
            results=[AchievedResult("Nieznany", Decimal(1))],
            expenses=[expense("I.1", 20_000), expense("IX.9", 1)],
            by=NGO_MEMBER,
            now=AFTER_TASK,
        )
        with pytest.raises(InvalidInput) as caught:
            report.submit(agreement, by=NGO_MEMBER, now=AFTER_TASK)
        fields = {item.field: item.code for item in caught.value.errors}
        assert fields == {
            "narrative": "required",
            "results[0].name": "result-unknown",
            "expenses[1].line_key": "budget-line-unknown",
            "expenses": "grant-overspent",
        }

    def test_compares_results_achieved_with_expected(self) -> None:
        agreement, report = submitted_final()
        [comparison] = report.compare_results(agreement)
        assert (comparison.target_value, comparison.achieved_value) == (Decimal(40), Decimal(42))


class TestReviewReport:
    def test_officer_accepts(self) -> None:
        _, report = submitted_final()
        report.accept(by=OFFICER, now=AFTER_TASK)
        assert report.is_accepted
        assert isinstance(report.events[-1], ReportAccepted)

    def test_officer_returns_with_remarks_and_the_ngo_resubmits(self) -> None:
        agreement, report = submitted_final()
        report.return_with_remarks("Brak opisu rezultatów", by=OFFICER, now=AFTER_TASK)
        assert report.state is ReportState.RETURNED
        event = report.events[-1]
        assert isinstance(event, ReportReturned) and event.remarks == "Brak opisu rezultatów"
        report.submit(agreement, by=NGO_MEMBER, now=AFTER_TASK + timedelta(days=1))
        assert isinstance(report.events[-1], ReportSubmitted)
        assert report.remarks is None

    def test_return_requires_remarks(self) -> None:
        _, report = submitted_final()
        with pytest.raises(InvalidInput) as caught:
            report.return_with_remarks(" ", by=OFFICER, now=AFTER_TASK)
        assert caught.value.errors[0].field == "remarks"

    def test_refuses_to_accept_a_draft(self) -> None:
        report = filled(signed_agreement())
        with pytest.raises(Conflict):
            report.accept(by=OFFICER, now=AFTER_TASK)


class TestSettleTask:
    def test_settles_when_the_final_report_is_accepted(self) -> None:
        agreement, report = submitted_final()
        report.accept(by=OFFICER, now=AFTER_TASK)
        agreement.settle(report, now=AFTER_TASK)
        assert agreement.state is AgreementState.SETTLED
        event = agreement.events[-1]
        assert isinstance(event, AgreementSettled) and event.final_report_id == report.id

    def test_refuses_a_report_not_accepted(self) -> None:
        agreement, report = submitted_final()
        with pytest.raises(Conflict):
            agreement.settle(report, now=AFTER_TASK)

    def test_refuses_a_partial_report(self) -> None:
        agreement = signed_agreement(partial_report_due_dates=[date(2026, 7, 15)])
        report = filled(
            agreement, "partial-1", period=DateRange(date(2026, 5, 4), date(2026, 6, 30))
        )
        report.submit(agreement, by=NGO_MEMBER, now=AFTER_TASK)
        report.accept(by=OFFICER, now=AFTER_TASK)
        with pytest.raises(Conflict):
            agreement.settle(report, now=AFTER_TASK)


class TestObligationStatus:
    OBLIGATION = ReportObligation("final", ReportKind.FINAL, date(2026, 11, 29))

    @pytest.mark.parametrize(
        ("today", "fulfilled", "status"),
        [
            (date(2026, 11, 21), False, ObligationStatus.UPCOMING),
            (date(2026, 11, 22), False, ObligationStatus.DUE),
            (date(2026, 11, 29), False, ObligationStatus.DUE),
            (date(2026, 11, 30), False, ObligationStatus.OVERDUE),
            (date(2026, 11, 30), True, ObligationStatus.FULFILLED),
        ],
    )
    def test_is_a_function_of_today(self, today: date, fulfilled: bool, status: str) -> None:
        assert obligation_status(self.OBLIGATION, today=today, fulfilled=fulfilled) is status
