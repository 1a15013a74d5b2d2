"""The Agreement aggregate: preparation, updated budget, signing and report reminders."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from services.grants.domain.agreement.agreement import Agreement, AgreementParty, AgreementState
from services.grants.domain.agreement.preparation import agreement_for_offer
from services.grants.domain.common.budget import Budget
from services.grants.domain.common.dates import DateRange
from services.grants.domain.offer.form import Partner
from shared.contracts.grants import (
    AgreementBudgetUpdated,
    AgreementPrepared,
    AgreementReportDue,
    AgreementReportOverdue,
    AgreementSigned,
)
from shared.errors import Conflict, InvalidInput

from .factories import (
    AFTER_DEADLINE,
    OFFICER,
    PARTIES,
    budget_line,
    pln,
    resolved,
    reviewed_pair,
    signed_agreement,
    with_content,
)

TASK_END = date(2026, 10, 30)


def prepare(amount: int = 20_000, **overrides: Any) -> Agreement:
    made, offer = resolved(amount=amount)
    return agreement_for_offer(
        made, offer, parties=PARTIES, by=OFFICER, now=AFTER_DEADLINE, **overrides
    )


class TestPrepareAgreement:
    def test_takes_amount_and_dates_from_the_results(self) -> None:
        agreement = prepare()
        assert agreement.amount == pln(20_000)
        assert agreement.task_period.end == TASK_END
        assert agreement.final_report_due == TASK_END + timedelta(days=30)
        [event] = agreement.events
        assert isinstance(event, AgreementPrepared) and event.offer_id is not None

    def test_refuses_before_results(self) -> None:
        made, first, _ = reviewed_pair()
        with pytest.raises(Conflict):
            agreement_for_offer(made, first, parties=PARTIES, by=OFFICER, now=AFTER_DEADLINE)

    def test_refuses_an_offer_granted_nothing(self) -> None:
        with pytest.raises(Conflict):
            prepare(amount=0)

    def test_requires_the_municipality_and_every_organization_as_parties(self) -> None:
        made, offer = resolved()
        offer.content = with_content(offer, partners=(Partner("org-b", "B"),))
        parties = [AgreementParty("Fundacja org-a", "org-a")]
        with pytest.raises(InvalidInput) as caught:
            agreement_for_offer(made, offer, parties=parties, by=OFFICER, now=AFTER_DEADLINE)
        assert [item.code for item in caught.value.errors] == ["party-missing", "party-missing"]

    def test_refuses_dates_outside_the_allowed_period(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            prepare(task_period=DateRange(date(2026, 5, 1), date(2027, 1, 31)))
        assert caught.value.errors[0].field == "task_period"

    def test_refuses_partial_report_dates_outside_the_task(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            prepare(partial_report_due_dates=[date(2026, 7, 15), date(2027, 1, 1)])
        assert [item.field for item in caught.value.errors] == ["partial_report_due_dates[1]"]


class TestUpdatedBudget:
    def test_is_required_to_sign_when_the_grant_is_lower(self) -> None:
        agreement = prepare(amount=15_000)
        assert agreement.needs_updated_budget
        with pytest.raises(InvalidInput) as caught:
            agreement.sign(now=AFTER_DEADLINE)
        assert caught.value.errors[0].field == "updated_budget"
        assert agreement.state is AgreementState.PREPARED

    def test_must_match_the_grant(self) -> None:
        agreement = prepare(amount=15_000)
        with pytest.raises(InvalidInput) as caught:
            agreement.update_budget(
                Budget((budget_line(requested_grant=pln(16_000)),)), by=OFFICER, now=AFTER_DEADLINE
            )
        assert caught.value.errors[0].field == "updated_budget.requested_grant"

    def test_keeps_the_required_own_contribution(self) -> None:
        agreement = prepare(amount=15_000)
        line = budget_line(
            requested_grant=pln(15_000),
            own_financial=pln(100),
            in_kind=pln(0),
            volunteer_work=pln(0),
        )
        with pytest.raises(InvalidInput) as caught:
            agreement.update_budget(Budget((line,)), by=OFFICER, now=AFTER_DEADLINE)
        assert {item.field for item in caught.value.errors} == {
            "updated_budget.own_contribution",
            "updated_budget.own_financial",
        }

    def test_lets_the_agreement_be_signed(self) -> None:
        agreement = prepare(amount=15_000)
        updated = Budget((budget_line(requested_grant=pln(15_000)),))
        agreement.update_budget(updated, by=OFFICER, now=AFTER_DEADLINE)
        assert isinstance(agreement.events[-1], AgreementBudgetUpdated)
        assert agreement.events[-1].total_cost == updated.total.amount
        agreement.sign(now=AFTER_DEADLINE)
        assert agreement.effective_budget == updated


class TestSignAgreement:
    def test_signing_is_an_event(self) -> None:
        agreement = prepare()
        agreement.sign(now=AFTER_DEADLINE)
        assert agreement.state is AgreementState.SIGNED
        event = agreement.events[-1]
        assert isinstance(event, AgreementSigned)
        assert event.final_report_due == TASK_END + timedelta(days=30)

    def test_refuses_twice(self) -> None:
        agreement = signed_agreement()
        with pytest.raises(Conflict):
            agreement.sign(now=AFTER_DEADLINE)

    def test_freezes_the_budget(self) -> None:
        with pytest.raises(Conflict):
            signed_agreement().update_budget(
                Budget((budget_line(),)), by=OFFICER, now=AFTER_DEADLINE
            )


class TestReportReminders:
    def test_raises_due_within_the_reminder_window(self) -> None:
        agreement = signed_agreement()
        due = TASK_END + timedelta(days=30)
        assert agreement.record_report_notices(today=due - timedelta(days=8), fulfilled=()) == []
        [event] = agreement.record_report_notices(today=due - timedelta(days=7), fulfilled=())
        assert isinstance(event, AgreementReportDue)
        assert (event.obligation, event.due_date) == ("final", due)

    def test_raises_overdue_the_day_after(self) -> None:
        agreement = signed_agreement()
        due = TASK_END + timedelta(days=30)
        [event] = agreement.record_report_notices(today=due + timedelta(days=1), fulfilled=())
        assert isinstance(event, AgreementReportOverdue) and event.due_date == due

    def test_raises_each_notice_once(self) -> None:
        agreement = signed_agreement()
        day = TASK_END + timedelta(days=25)
        assert len(agreement.record_report_notices(today=day, fulfilled=())) == 1
        assert agreement.record_report_notices(today=day + timedelta(days=1), fulfilled=()) == []
        assert len(agreement.events) == 1

    def test_is_silent_about_reports_handed_in(self) -> None:
        agreement = signed_agreement()
        late = TASK_END + timedelta(days=40)
        assert agreement.record_report_notices(today=late, fulfilled={"final"}) == []

    def test_covers_partial_reports(self) -> None:
        agreement = signed_agreement(partial_report_due_dates=[date(2026, 7, 15)])
        events = agreement.record_report_notices(today=date(2026, 7, 16), fulfilled=())
        assert [type(e) for e in events] == [AgreementReportOverdue]
        assert isinstance(events[0], AgreementReportOverdue) and events[0].obligation == "partial-1"
