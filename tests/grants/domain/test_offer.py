"""Rules of the Offer aggregate: drafting, checks against the competition, submission."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.grants.domain.common.budget import Budget
from services.grants.domain.common.dates import DateRange
from services.grants.domain.offer.form import Action, OfferContent, Partner
from services.grants.domain.offer.offer import OfferState
from shared.contracts.grants import OfferDrafted, OfferRevised, OfferSubmitted, OfferWithdrawn
from shared.errors import Conflict, FieldError, InvalidInput, NotFound

from .factories import (
    AFTER_DEADLINE,
    DEADLINE,
    NGO_MEMBER,
    NOW,
    announced,
    budget_line,
    competition,
    content,
    offer,
    pln,
    submitted,
)

BEFORE_DEADLINE = DEADLINE - timedelta(minutes=1)


def by_field(errors: list[FieldError]) -> dict[str, str]:
    return {item.field: item.code for item in errors}


class TestDraftOffer:
    def test_starts_a_draft_with_an_event(self) -> None:
        made = offer(announced())
        assert made.state is OfferState.DRAFT
        [event] = made.events
        assert isinstance(event, OfferDrafted) and event.organization_id == "org-a"

    def test_accepts_an_empty_draft(self) -> None:
        open_ = announced()
        made = offer(open_, title="", budget=Budget())
        assert made.content.title == ""

    def test_refuses_before_announcement(self) -> None:
        with pytest.raises(Conflict):
            offer(competition())


class TestCheckAgainstCompetition:
    def test_a_complete_offer_has_no_breach(self) -> None:
        open_ = announced()
        assert offer(open_).check_against(open_) == []

    def test_reports_missing_parts_by_field(self) -> None:
        open_ = announced()
        empty = offer(
            open_,
            title="",
            task_period=None,
            schedule=(),
            quantitative_results=(),
            qualitative_results=(),
            budget=Budget(),
        )
        breaches = by_field(empty.check_against(open_))
        assert breaches["title"] == "required"
        assert breaches["task_period"] == "required"
        assert breaches["schedule"] == "schedule-empty"
        assert breaches["results"] == "results-empty"
        assert breaches["budget.lines"] == "budget-empty"

    def test_reports_grant_below_minimum(self) -> None:
        open_ = announced()
        small = offer(open_, budget=Budget((budget_line(requested_grant=pln(4_000)),)))
        assert (
            by_field(small.check_against(open_))["budget.requested_grant"] == "grant-below-minimum"
        )

    def test_reports_grant_above_maximum(self) -> None:
        open_ = announced()
        big = offer(open_, budget=Budget((budget_line(requested_grant=pln(40_001)),)))
        assert by_field(big.check_against(open_))["budget.requested_grant"] == "grant-above-maximum"

    def test_reports_own_contribution_below_required_share(self) -> None:
        open_ = announced()
        line = budget_line(own_financial=pln(500), in_kind=pln(0), volunteer_work=pln(0))
        breaches = by_field(offer(open_, budget=Budget((line,))).check_against(open_))
        assert breaches["budget.own_contribution"] == "own-contribution-too-low"
        assert breaches["budget.own_financial"] == "own-contribution-too-low"

    def test_reports_task_period_outside_the_allowed_one(self) -> None:
        open_ = announced()
        late = DateRange(date(2026, 6, 1), date(2026, 12, 31))
        schedule = (Action("Zajęcia", "", late),)
        breaches = by_field(offer(open_, task_period=late, schedule=schedule).check_against(open_))
        assert breaches == {"task_period": "task-period-outside"}

    def test_reports_an_action_outside_the_task_period(self) -> None:
        open_ = announced()
        schedule = (Action("Zajęcia", "", DateRange(date(2026, 4, 1), date(2026, 5, 10))),)
        breaches = by_field(offer(open_, schedule=schedule).check_against(open_))
        assert breaches == {"schedule[0].period": "action-outside-task-period"}

    def test_reports_a_partner_that_is_the_applicant_or_repeated(self) -> None:
        open_ = announced()
        partners = (Partner("org-b", "B"), Partner("org-b", "B"), Partner("org-a", "A"))
        breaches = by_field(offer(open_, partners=partners).check_against(open_))
        assert set(breaches) == {"partners[1].organization_id", "partners[2].organization_id"}

    def test_reports_duplicate_budget_lines_and_negative_amounts(self) -> None:
        open_ = announced()
        lines = (budget_line("I.1"), budget_line("I.1", in_kind=pln(-1)))
        breaches = by_field(offer(open_, budget=Budget(lines)).check_against(open_))
        assert breaches["budget.lines[1].key"] == "budget-line-duplicate"
        assert breaches["budget.lines[1].in_kind"] == "money-negative"


class TestBudgetTotals:
    def test_computes_every_total(self) -> None:
        lines = (budget_line("I.1"), budget_line("II.1", requested_grant=pln("1000.50")))
        budget = Budget(lines)
        assert budget.requested_grant == pln("21000.50")
        assert budget.own_financial == pln(4_000)
        assert budget.own_non_financial == pln(2_000)
        assert budget.own_contribution == pln(6_000)
        assert budget.total == pln("27000.50")


class TestReviseOffer:
    def test_replaces_the_contents_before_the_deadline(self) -> None:
        open_ = announced()
        made = offer(open_)
        made.revise(open_, content(title="Senior w ruchu"), by=NGO_MEMBER, now=BEFORE_DEADLINE)
        assert made.content.title == "Senior w ruchu"
        assert isinstance(made.events[-1], OfferRevised)
        assert made.events[-1].revised_by == NGO_MEMBER

    def test_refuses_after_the_deadline(self) -> None:
        open_ = announced()
        made = offer(open_)
        with pytest.raises(Conflict) as caught:
            made.revise(open_, content(), by=NGO_MEMBER, now=DEADLINE)
        assert caught.value.status == 409

    def test_refuses_a_submitted_offer(self) -> None:
        open_ = announced()
        made = submitted(open_)
        with pytest.raises(Conflict):
            made.revise(open_, content(), by=NGO_MEMBER, now=NOW)


class TestSubmitOffer:
    def test_submits_with_computed_totals(self) -> None:
        open_ = announced()
        made = offer(open_)
        made.submit(open_, by=NGO_MEMBER, now=BEFORE_DEADLINE)
        assert made.state is OfferState.SUBMITTED
        event = made.events[-1]
        assert isinstance(event, OfferSubmitted)
        assert (event.requested_grant, event.total_cost) == (
            Decimal("20000.00"),
            Decimal("23000.00"),
        )

    def test_rejects_after_deadline(self) -> None:
        open_ = announced()
        made = offer(open_)
        with pytest.raises(Conflict) as caught:
            made.submit(open_, by=NGO_MEMBER, now=DEADLINE)
        assert caught.value.status == 409
        assert made.state is OfferState.DRAFT

    def test_refuses_an_offer_with_breaches_listing_all(self) -> None:
        open_ = announced()
        made = offer(open_, title="", budget=Budget((budget_line(requested_grant=pln(50_000)),)))
        with pytest.raises(InvalidInput) as caught:
            made.submit(open_, by=NGO_MEMBER, now=NOW)
        assert caught.value.status == 422
        assert {"title", "budget.requested_grant"} <= set(by_field(caught.value.errors))
        assert made.state is OfferState.DRAFT

    def test_refuses_twice(self) -> None:
        open_ = announced()
        made = submitted(open_)
        with pytest.raises(Conflict):
            made.submit(open_, by=NGO_MEMBER, now=NOW)


class TestWithdrawOffer:
    def test_withdraws_before_the_deadline(self) -> None:
        open_ = announced()
        made = submitted(open_)
        made.withdraw(open_, by=NGO_MEMBER, now=BEFORE_DEADLINE)
        assert made.state is OfferState.WITHDRAWN
        assert isinstance(made.events[-1], OfferWithdrawn)

    def test_refuses_after_the_deadline(self) -> None:
        open_ = announced()
        made = submitted(open_)
        with pytest.raises(Conflict):
            made.withdraw(open_, by=NGO_MEMBER, now=AFTER_DEADLINE)

    def test_refuses_a_draft(self) -> None:
        open_ = announced()
        with pytest.raises(Conflict):
            offer(open_).withdraw(open_, by=NGO_MEMBER, now=NOW)


class TestOfferVisibility:
    def test_another_organization_gets_not_found(self) -> None:
        made = offer(announced())
        made.ensure_visible_to("org-a")
        with pytest.raises(NotFound) as caught:
            made.ensure_visible_to("org-b")
        assert caught.value.status == 404

    def test_partners_are_involved(self) -> None:
        made = offer(announced(), partners=(Partner("org-b", "B"),))
        assert made.involves("org-b") and made.involves("org-a")
        assert not made.involves("org-c")


def test_an_empty_content_is_a_valid_draft_value() -> None:
    assert OfferContent().budget.total == pln(0)
