"""Rules of the Competition aggregate."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.grants.domain.common.budget import OwnContributionRule
from services.grants.domain.competition.competition import CompetitionState
from services.grants.domain.competition.terms import Criterion
from services.grants.domain.review.scoring import RankedOffer
from shared.contracts.grants import (
    CompetitionAnnounced,
    CompetitionArchived,
    CompetitionCancelled,
    CompetitionClosed,
    CompetitionDrafted,
    CompetitionGrantDecided,
    CompetitionResultsPublished,
    CompetitionReviewStarted,
    CompetitionRevised,
)
from shared.errors import Conflict, InvalidInput, NotFound

from .factories import (
    AFTER_DEADLINE,
    DEADLINE,
    NOW,
    OFFICER,
    announced,
    competition,
    in_review,
    pln,
    reviewed_pair,
    submitted,
    terms,
)


def fields(error: InvalidInput) -> set[str]:
    return {item.field for item in error.errors}


class TestDraftCompetition:
    def test_records_the_draft(self) -> None:
        draft = competition()
        assert draft.state is CompetitionState.DRAFT
        [event] = draft.events
        assert isinstance(event, CompetitionDrafted)
        assert event.area == "seniors"

    def test_refuses_incomplete_terms_naming_every_field(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            competition(title=" ", criteria=(), total_funds=pln(0), selection_mode="")
        assert caught.value.status == 422
        assert fields(caught.value) == {
            "title",
            "criteria",
            "total_funds",
            "max_grant",
            "selection_mode",
        }

    def test_refuses_max_grant_below_min_or_above_funds(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            competition(min_grant=pln(150_000), max_grant=pln(120_000))
        codes = {item.code for item in caught.value.errors}
        assert codes == {"grant-range-reversed", "grant-above-funds"}

    def test_refuses_bad_criteria(self) -> None:
        criteria = (Criterion("a", "A", 0), Criterion("a", "B", 5))
        with pytest.raises(InvalidInput) as caught:
            competition(criteria=criteria)
        assert fields(caught.value) == {"criteria[0].max_points", "criteria[1].code"}

    def test_refuses_decision_before_deadline(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            competition(decision_date=DEADLINE.date() - timedelta(days=1))
        assert fields(caught.value) == {"decision_date"}

    def test_refuses_own_contribution_parts_above_total(self) -> None:
        rule = OwnContributionRule(Decimal(5), Decimal(5), Decimal(5))
        with pytest.raises(InvalidInput) as caught:
            competition(own_contribution=rule)
        assert fields(caught.value) == {"own_contribution.total_percent"}

    def test_revises_only_a_draft(self) -> None:
        draft = competition()
        draft.revise(terms(title="Nowy tytuł"), by=OFFICER, now=NOW)
        assert draft.terms.title == "Nowy tytuł"
        assert isinstance(draft.events[-1], CompetitionRevised)
        assert draft.events[-1].title == "Nowy tytuł"
        draft.announce(now=NOW)
        with pytest.raises(Conflict):
            draft.revise(terms(), by=OFFICER, now=NOW)


class TestCopyCompetition:
    def test_copies_terms_into_a_new_draft(self) -> None:
        original = announced()
        copy = original.copy_as_draft(by=OFFICER, now=NOW)
        assert copy.id != original.id
        assert copy.state is CompetitionState.DRAFT
        assert copy.terms == original.terms
        assert copy.copied_from == original.id
        [event] = copy.events
        assert isinstance(event, CompetitionDrafted) and event.copied_from == original.id

    def test_moves_every_date_to_next_year(self) -> None:
        copy = announced().copy_as_draft(by=OFFICER, now=NOW, shift_years=1)
        assert copy.terms.offer_deadline == DEADLINE.replace(year=2027)
        assert copy.terms.task_period.start == date(2027, 5, 1)
        assert copy.terms.decision_date == date(2027, 4, 20)
        assert copy.terms.total_funds == pln(100_000)

    def test_a_leap_day_becomes_the_last_of_february(self) -> None:
        original = competition(decision_date=date(2028, 2, 29), offer_deadline=DEADLINE)
        copy = original.copy_as_draft(by=OFFICER, now=NOW, shift_years=1)
        assert copy.terms.decision_date == date(2029, 2, 28)


class TestAnnounceCompetition:
    def test_announces_with_area_and_deadline(self) -> None:
        draft = competition()
        draft.announce(now=NOW)
        assert draft.state is CompetitionState.ANNOUNCED
        event = draft.events[-1]
        assert isinstance(event, CompetitionAnnounced)
        assert (event.area, event.offer_deadline) == ("seniors", DEADLINE)
        assert event.total_funds == Decimal("100000.00")

    def test_accepts_exactly_21_days(self) -> None:
        draft = competition(offer_deadline=NOW + timedelta(days=21))
        draft.announce(now=NOW)
        assert draft.state is CompetitionState.ANNOUNCED

    def test_counts_calendar_days_in_poland(self) -> None:
        # 00:30 in Warsaw on day 21 is still day 20 in UTC; the Polish calendar day counts.
        draft = competition(offer_deadline=NOW + timedelta(days=20, hours=15, minutes=30))
        draft.announce(now=NOW)
        assert draft.state is CompetitionState.ANNOUNCED

    def test_refuses_deadline_under_21_days(self) -> None:
        draft = competition(offer_deadline=NOW + timedelta(days=20, hours=14))
        with pytest.raises(InvalidInput) as caught:
            draft.announce(now=NOW)
        error = caught.value
        assert error.status == 422
        [item] = error.errors
        assert item.field == "offer_deadline"
        assert item.code == "deadline-too-early"
        assert "art. 13 ust. 1" in item.message.pl
        assert "art. 13(1)" in item.message.en
        assert draft.state is CompetitionState.DRAFT

    def test_refuses_a_naive_clock(self) -> None:
        with pytest.raises(InvalidInput):
            competition().announce(now=NOW.replace(tzinfo=None))

    def test_refuses_twice(self) -> None:
        with pytest.raises(Conflict) as caught:
            announced().announce(now=NOW)
        assert caught.value.status == 409


class TestCloseCompetition:
    def test_closes_after_the_deadline(self) -> None:
        open_ = announced()
        open_.close(now=DEADLINE)
        assert open_.state is CompetitionState.CLOSED
        assert isinstance(open_.events[-1], CompetitionClosed)

    def test_refuses_before_the_deadline(self) -> None:
        with pytest.raises(Conflict):
            announced().close(now=DEADLINE - timedelta(seconds=1))

    def test_accepts_offers_only_before_the_deadline(self) -> None:
        open_ = announced()
        open_.ensure_accepts_offers(DEADLINE - timedelta(seconds=1))
        with pytest.raises(Conflict) as caught:
            open_.ensure_accepts_offers(DEADLINE)
        assert caught.value.extra["offer_deadline"] == DEADLINE.isoformat()

    def test_drafts_take_no_offers(self) -> None:
        with pytest.raises(Conflict):
            competition().ensure_accepts_offers(NOW)


class TestStartReview:
    def test_starts_after_closing(self) -> None:
        closed = announced()
        closed.close(now=AFTER_DEADLINE)
        closed.start_review(by=OFFICER, now=AFTER_DEADLINE)
        assert closed.state is CompetitionState.IN_REVIEW
        assert isinstance(closed.events[-1], CompetitionReviewStarted)

    def test_refuses_while_open(self) -> None:
        with pytest.raises(Conflict):
            announced().start_review(by=OFFICER, now=NOW)


class TestDecideGrant:
    def test_records_the_decision(self) -> None:
        made, first, _ = reviewed_pair()
        made.decide_grant(first, pln(15_000), by=OFFICER, now=AFTER_DEADLINE)
        assert made.granted_amount(first.id) == pln(15_000)
        event = made.events[-1]
        assert isinstance(event, CompetitionGrantDecided) and event.amount == Decimal("15000.00")

    def test_refuses_more_than_requested(self) -> None:
        made, first, _ = reviewed_pair()
        with pytest.raises(InvalidInput) as caught:
            made.decide_grant(first, pln("20000.01"), by=OFFICER, now=AFTER_DEADLINE)
        [item] = caught.value.errors
        assert (item.field, item.code) == ("amount", "grant-above-requested")

    def test_refuses_sum_above_funds(self) -> None:
        made, first, second = reviewed_pair()
        made.terms = terms(total_funds=pln(30_000), max_grant=pln(30_000))
        made.decide_grant(first, pln(20_000), by=OFFICER, now=AFTER_DEADLINE)
        with pytest.raises(InvalidInput) as caught:
            made.decide_grant(second, pln("10000.01"), by=OFFICER, now=AFTER_DEADLINE)
        [item] = caught.value.errors
        assert (item.field, item.code) == ("amount", "grants-above-funds")

    def test_redeciding_replaces_the_earlier_amount(self) -> None:
        made, first, second = reviewed_pair()
        made.terms = terms(total_funds=pln(30_000), max_grant=pln(30_000))
        made.decide_grant(first, pln(20_000), by=OFFICER, now=AFTER_DEADLINE)
        made.decide_grant(first, pln(10_000), by=OFFICER, now=AFTER_DEADLINE)
        made.decide_grant(second, pln(20_000), by=OFFICER, now=AFTER_DEADLINE)
        assert made.granted_total == pln(30_000)

    def test_refuses_an_offer_not_formally_accepted(self) -> None:
        made = announced()
        pending = submitted(made)
        in_review(made)
        with pytest.raises(Conflict):
            made.decide_grant(pending, pln(1_000), by=OFFICER, now=AFTER_DEADLINE)

    def test_refuses_an_offer_of_another_competition(self) -> None:
        _, first, _ = reviewed_pair()
        other, *_ = reviewed_pair()
        with pytest.raises(NotFound):
            other.decide_grant(first, pln(1_000), by=OFFICER, now=AFTER_DEADLINE)


class TestPublishResults:
    def test_publishes_in_ranking_order(self) -> None:
        made, first, second = reviewed_pair()
        made.decide_grant(first, pln(10_000), by=OFFICER, now=AFTER_DEADLINE)
        made.decide_grant(second, pln(0), by=OFFICER, now=AFTER_DEADLINE)
        ranking = [
            RankedOffer(second.id, Decimal("20.5"), 2),
            RankedOffer(first.id, Decimal(18), 2),
        ]
        made.publish_results(offers=[first, second], ranking=ranking, now=AFTER_DEADLINE)
        assert made.state is CompetitionState.RESOLVED
        event = made.events[-1]
        assert isinstance(event, CompetitionResultsPublished)
        assert [r.offer_id for r in event.results] == [second.id, first.id]
        assert event.results[1].organization_name == "Fundacja org-a"
        assert event.total_granted == Decimal("10000.00")

    def test_refuses_while_a_grant_is_undecided(self) -> None:
        made, first, second = reviewed_pair()
        made.decide_grant(first, pln(10_000), by=OFFICER, now=AFTER_DEADLINE)
        with pytest.raises(Conflict) as caught:
            made.publish_results(offers=[first, second], ranking=[], now=AFTER_DEADLINE)
        assert caught.value.extra["offer_ids"] == [second.id]


class TestArchiveCompetition:
    def test_archives_a_resolved_competition(self) -> None:
        made, first, _ = reviewed_pair()
        made.decide_grant(first, pln(10_000), by=OFFICER, now=AFTER_DEADLINE)
        made.publish_results(offers=[first], ranking=[], now=AFTER_DEADLINE)
        made.archive(now=AFTER_DEADLINE)
        assert made.state is CompetitionState.ARCHIVED
        assert isinstance(made.events[-1], CompetitionArchived)

    def test_refuses_an_unresolved_competition(self) -> None:
        with pytest.raises(Conflict):
            announced().archive(now=NOW)


class TestCancelCompetition:
    def test_cancels_with_a_reason(self) -> None:
        open_ = announced()
        open_.cancel(reason="Brak środków w budżecie", now=NOW)
        assert open_.state is CompetitionState.CANCELLED
        event = open_.events[-1]
        assert isinstance(event, CompetitionCancelled) and event.reason == "Brak środków w budżecie"

    def test_requires_a_reason(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            announced().cancel(reason="  ", now=NOW)
        assert fields(caught.value) == {"reason"}

    def test_refuses_after_results(self) -> None:
        made, first, _ = reviewed_pair()
        made.decide_grant(first, pln(10_000), by=OFFICER, now=AFTER_DEADLINE)
        made.publish_results(offers=[first], ranking=[], now=AFTER_DEADLINE)
        with pytest.raises(Conflict):
            made.cancel(reason="Za późno", now=AFTER_DEADLINE)
