"""The officer's formal review of an offer."""

from __future__ import annotations

import pytest

from services.grants.domain.competition.competition import Competition
from services.grants.domain.offer.offer import Offer, OfferState
from shared.contracts.grants import OfferFormallyReviewed
from shared.errors import Conflict, InvalidInput

from .factories import AFTER_DEADLINE, ALL_PASS, OFFICER, announced, in_review, submitted


def reviewable() -> tuple[Competition, Offer]:
    made = announced()
    offer = submitted(made)
    return in_review(made), offer


class TestFormalReview:
    def test_accepts_when_every_check_passes(self) -> None:
        made, offer = reviewable()
        offer.review_formally(made, ALL_PASS, reason=None, by=OFFICER, now=AFTER_DEADLINE)
        assert offer.state is OfferState.FORMALLY_ACCEPTED
        event = offer.events[-1]
        assert isinstance(event, OfferFormallyReviewed)
        assert event.accepted and event.failed_checks == []

    def test_rejects_with_reason_when_a_check_fails(self) -> None:
        made, offer = reviewable()
        answers = {**ALL_PASS, "authorised_signatures": False}
        offer.review_formally(made, answers, reason="Brak podpisu", by=OFFICER, now=AFTER_DEADLINE)
        assert offer.state is OfferState.FORMALLY_REJECTED
        event = offer.events[-1]
        assert isinstance(event, OfferFormallyReviewed)
        assert not event.accepted
        assert (event.failed_checks, event.reason) == (["authorised_signatures"], "Brak podpisu")

    def test_requires_a_reason_to_reject(self) -> None:
        made, offer = reviewable()
        answers = {**ALL_PASS, "on_time": False}
        with pytest.raises(InvalidInput) as caught:
            offer.review_formally(made, answers, reason=" ", by=OFFICER, now=AFTER_DEADLINE)
        assert [item.field for item in caught.value.errors] == ["reason"]
        assert offer.state is OfferState.SUBMITTED

    def test_requires_every_item_answered_and_no_unknown_one(self) -> None:
        made, offer = reviewable()
        answers = {**ALL_PASS, "extra": True}
        del answers["on_time"]
        with pytest.raises(InvalidInput) as caught:
            offer.review_formally(made, answers, reason="x", by=OFFICER, now=AFTER_DEADLINE)
        assert {item.field for item in caught.value.errors} == {"answers.on_time", "answers.extra"}

    def test_refuses_before_the_review_starts(self) -> None:
        made = announced()
        offer = submitted(made)
        with pytest.raises(Conflict):
            offer.review_formally(made, ALL_PASS, reason=None, by=OFFICER, now=AFTER_DEADLINE)

    def test_refuses_a_reviewed_offer(self) -> None:
        made, offer = reviewable()
        offer.review_formally(made, ALL_PASS, reason=None, by=OFFICER, now=AFTER_DEADLINE)
        with pytest.raises(Conflict):
            offer.review_formally(made, ALL_PASS, reason=None, by=OFFICER, now=AFTER_DEADLINE)
