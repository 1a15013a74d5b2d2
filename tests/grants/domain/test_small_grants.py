"""Small grants under art. 19a: limits, publication, comments, agreement and yearly caps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from services.grants.domain.agreement.agreement import Agreement, AgreementParty
from services.grants.domain.common.budget import Budget
from services.grants.domain.common.dates import DateRange
from services.grants.domain.common.money import ZERO, Money
from services.grants.domain.offer.form import QuantitativeResult
from services.grants.domain.small_grant.comments import (
    CommentLimits,
    CommentTally,
    SmallGrantComment,
    comment_on,
)
from services.grants.domain.small_grant.small_grant import (
    SmallGrant,
    SmallGrantForm,
    SmallGrantPolicy,
    SmallGrantState,
    agreement_for_small_grant,
    receive_small_grant,
    set_small_grant_policy,
)
from shared.contracts.grants import (
    AgreementPrepared,
    SmallGrantCommented,
    SmallGrantConcluded,
    SmallGrantDeclined,
    SmallGrantPolicySet,
    SmallGrantPublished,
    SmallGrantReceived,
)
from shared.errors import Conflict, InvalidInput

from .factories import OFFICER, TENANT, budget_line, pln

# Thursday before Easter 2026 (Easter Monday is 6 April), 10:00 in Warsaw.
RECEIVED = datetime(2026, 4, 2, 8, 0, tzinfo=UTC)
PUBLISHED = datetime(2026, 4, 8, 8, 0, tzinfo=UTC)
AFTER_COMMENTS = PUBLISHED + timedelta(days=7)
PARTIES = (AgreementParty("Gmina Przykładowo"), AgreementParty("Stowarzyszenie A", "org-a"))
POLICY = SmallGrantPolicy(2026, pln(15_000), Decimal(10), pln(200_000))


def form(**overrides: Any) -> SmallGrantForm:
    values: dict[str, Any] = {
        "title": "Festyn sąsiedzki",
        "place": "Park miejski",
        "description": "Festyn integracyjny dla mieszkańców osiedla.",
        "task_period": DateRange(date(2026, 5, 1), date(2026, 6, 30)),
        "budget": Budget((budget_line(requested_grant=pln(8_000)),)),
        "quantitative_results": (QuantitativeResult("Uczestnicy", Decimal(200), "osoby"),),
    }
    values.update(overrides)
    return SmallGrantForm(**values)


def received(**overrides: Any) -> SmallGrant:
    return receive_small_grant(
        tenant_id=TENANT,
        organization_id="org-a",
        organization_name="Stowarzyszenie A",
        form=form(**overrides),
        received_at=RECEIVED,
    )


def published() -> SmallGrant:
    grant = received()
    grant.publish(now=PUBLISHED)
    return grant


def conclude(
    grant: SmallGrant,
    *,
    organization_granted: Money = ZERO,
    pool_granted: Money = ZERO,
    policy: SmallGrantPolicy = POLICY,
) -> Agreement:
    return agreement_for_small_grant(
        grant,
        policy,
        parties=PARTIES,
        organization_granted=organization_granted,
        pool_granted=pool_granted,
        by=OFFICER,
        now=AFTER_COMMENTS,
    )


class TestReceiveSmallGrant:
    def test_records_receipt_and_publication_due_in_working_days(self) -> None:
        grant = received()
        assert grant.received_on == date(2026, 4, 2)
        # Friday 3rd, then Easter Monday 6th is skipped: 7th..10th, 13th, 14th.
        assert grant.publication_due == date(2026, 4, 14)
        [event] = grant.events
        assert isinstance(event, SmallGrantReceived)
        assert event.publication_due == date(2026, 4, 14)

    def test_refuses_more_than_10000_pln(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            received(budget=Budget((budget_line(requested_grant=pln("10000.01")),)))
        [item] = caught.value.errors
        assert (item.field, item.code) == ("budget.requested_grant", "small-grant-too-large")
        assert "art. 19a" in item.message.pl

    def test_accepts_exactly_10000_pln_and_90_days(self) -> None:
        grant = received(
            budget=Budget((budget_line(requested_grant=pln(10_000)),)),
            task_period=DateRange(date(2026, 5, 1), date(2026, 7, 29)),
        )
        assert grant.form.task_period.days == 90

    def test_refuses_a_task_longer_than_90_days(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            received(task_period=DateRange(date(2026, 5, 1), date(2026, 7, 30)))
        [item] = caught.value.errors
        assert (item.field, item.code) == ("task_period", "small-grant-too-long")

    def test_refuses_a_form_without_results(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            received(quantitative_results=())
        assert caught.value.errors[0].field == "results"


class TestPublishSmallGrant:
    def test_publishes_for_seven_days_of_comments(self) -> None:
        grant = published()
        assert grant.state is SmallGrantState.PUBLISHED
        event = grant.events[-1]
        assert isinstance(event, SmallGrantPublished)
        assert event.comments_until == PUBLISHED + timedelta(days=7)
        assert event.published_late is False

    def test_flags_publication_after_seven_working_days(self) -> None:
        grant = received()
        assert not grant.publication_overdue(date(2026, 4, 14))
        assert grant.publication_overdue(date(2026, 4, 15))
        grant.publish(now=datetime(2026, 4, 15, 8, 0, tzinfo=UTC))
        event = grant.events[-1]
        assert isinstance(event, SmallGrantPublished) and event.published_late is True

    def test_refuses_twice(self) -> None:
        with pytest.raises(Conflict):
            published().publish(now=PUBLISHED)


NO_COMMENTS_YET = CommentTally(0, 0)
DEFAULT_LIMITS = CommentLimits()


def comment(
    grant: SmallGrant,
    text: str,
    now: datetime,
    limits: CommentLimits = DEFAULT_LIMITS,
    tally: CommentTally = NO_COMMENTS_YET,
    subject: str | None = None,
) -> tuple[SmallGrantComment, SmallGrantCommented]:
    return comment_on(grant, text, now=now, limits=limits, tally=tally, author_subject=subject)


class TestCommentSmallGrant:
    def test_makes_a_comment_apart_from_the_offer(self) -> None:
        grant = published()
        grant.events.clear()
        made, event = comment(grant, "Świetny pomysł", PUBLISHED + timedelta(days=6))
        assert (made.small_grant_id, made.tenant_id, made.text) == (
            grant.id,
            TENANT,
            "Świetny pomysł",
        )
        assert event.comment_id == made.id and event.small_grant_id == grant.id
        assert grant.events == []  # the offer itself is unchanged

    def test_ids_follow_time(self) -> None:
        grant = published()
        first, _ = comment(grant, "Pierwsza", PUBLISHED)
        second, _ = comment(grant, "Druga", PUBLISHED + timedelta(milliseconds=1))
        assert first.id < second.id

    def test_refuses_comments_after_the_period(self) -> None:
        with pytest.raises(Conflict) as caught:
            comment(published(), "Za późno", AFTER_COMMENTS)
        assert caught.value.status == 409

    def test_refuses_comments_before_publication(self) -> None:
        with pytest.raises(Conflict):
            comment(received(), "Za wcześnie", RECEIVED)

    def test_refuses_an_empty_comment(self) -> None:
        with pytest.raises(InvalidInput):
            comment(published(), " ", PUBLISHED)

    def test_refuses_a_comment_longer_than_the_limit(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            comment(published(), "x" * 11, PUBLISHED, CommentLimits(max_length=10))
        assert caught.value.errors[0].field == "text"

    def test_refuses_beyond_the_count_per_author_and_per_address(self) -> None:
        limits = CommentLimits(per_author=2, per_address=3)
        with pytest.raises(Conflict):
            comment(published(), "Znowu", PUBLISHED, limits, CommentTally(2, 0), "resident-1")
        with pytest.raises(Conflict):
            comment(published(), "Znowu", PUBLISHED, limits, CommentTally(0, 3))
        comment(published(), "Jeszcze", PUBLISHED, limits, CommentTally(2, 2))  # anonymous


class TestDeclineSmallGrant:
    def test_declines_with_a_reason(self) -> None:
        grant = received()
        grant.decline("Zadanie nie jest celowe", by=OFFICER, now=PUBLISHED)
        assert grant.state is SmallGrantState.DECLINED
        assert isinstance(grant.events[-1], SmallGrantDeclined)

    def test_requires_a_reason(self) -> None:
        with pytest.raises(InvalidInput):
            received().decline("", by=OFFICER, now=PUBLISHED)


class TestSmallGrantAgreement:
    def test_follows_the_comment_period(self) -> None:
        grant = published()
        agreement = conclude(grant)
        assert agreement.amount == pln(8_000)
        assert agreement.source.small_grant_id == grant.id
        assert isinstance(agreement.events[0], AgreementPrepared)
        assert grant.state is SmallGrantState.CONCLUDED
        assert isinstance(grant.events[-1], SmallGrantConcluded)

    def test_waits_for_the_comment_period_to_end(self) -> None:
        grant = published()
        with pytest.raises(Conflict):
            agreement_for_small_grant(
                grant,
                POLICY,
                parties=PARTIES,
                organization_granted=pln(0),
                pool_granted=pln(0),
                by=OFFICER,
                now=AFTER_COMMENTS - timedelta(seconds=1),
            )

    def test_refuses_an_unpublished_offer(self) -> None:
        with pytest.raises(Conflict):
            conclude(received())

    def test_enforces_the_yearly_cap_per_organization(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            conclude(published(), organization_granted=pln("7000.01"))
        [item] = caught.value.errors
        assert (item.field, item.code) == ("amount", "organization-cap-exceeded")

    def test_enforces_the_share_of_the_yearly_pool(self) -> None:
        # 10% of 200,000 PLN leaves 20,000 PLN for small grants in the year.
        with pytest.raises(InvalidInput) as caught:
            conclude(published(), pool_granted=pln("12000.01"))
        [item] = caught.value.errors
        assert (item.field, item.code) == ("amount", "pool-cap-exceeded")

    def test_accepts_an_amount_exactly_at_the_caps(self) -> None:
        agreement = conclude(published(), organization_granted=pln(7_000), pool_granted=pln(12_000))
        assert agreement.amount == pln(8_000)


class TestSmallGrantPolicy:
    def test_statutory_limits_bound_the_municipality_caps(self) -> None:
        policy = SmallGrantPolicy(2026, pln("20000.01"), Decimal("20.5"), pln(100_000))
        codes = {item.field: item.code for item in policy.errors()}
        assert codes == {
            "organization_cap": "cap-above-statutory",
            "pool_share_percent": "share-above-statutory",
        }

    def test_the_statutory_maxima_are_allowed(self) -> None:
        assert SmallGrantPolicy(2026, pln(20_000), Decimal(20), pln(100_000)).errors() == []

    def test_setting_the_caps_is_an_event(self) -> None:
        policy = SmallGrantPolicy(2026, pln(15_000), Decimal(10), pln(300_000))
        event = set_small_grant_policy(policy, tenant_id=TENANT, by=OFFICER, now=RECEIVED)
        assert isinstance(event, SmallGrantPolicySet)
        assert (event.small_grant_policy_id, event.organization_cap) == (
            f"{TENANT}-2026",
            Decimal("15000.00"),
        )

    def test_caps_beyond_the_statute_cannot_be_set(self) -> None:
        policy = SmallGrantPolicy(2026, pln(25_000), Decimal(10), pln(200_000))
        with pytest.raises(InvalidInput) as caught:
            set_small_grant_policy(policy, tenant_id=TENANT, by=OFFICER, now=RECEIVED)
        assert caught.value.errors[0].field == "organization_cap"

    def test_an_agreement_refuses_a_policy_beyond_the_statute(self) -> None:
        policy = SmallGrantPolicy(2026, pln(25_000), Decimal(10), pln(200_000))
        with pytest.raises(InvalidInput) as caught:
            conclude(published(), policy=policy)
        assert caught.value.errors[0].field == "organization_cap"
