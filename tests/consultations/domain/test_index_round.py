"""An assessment round of the cooperation-quality index: scoring, conclusions, publication."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.consultations.domain.index.catalogue import Area
from services.consultations.domain.index.results import Group
from services.consultations.domain.index.round import IndexRound, RoundState, start_round
from shared.contracts.consultations import (
    IndexConclusionsRecorded,
    IndexRoundPublished,
    IndexRoundStarted,
    IndexScorecardSubmitted,
)
from shared.errors import Conflict, InvalidInput

from .factories import OFFICER, TENANT

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def new_round() -> IndexRound:
    return start_round(
        tenant_id=TENANT,
        title="Diagnoza wstępna",
        assessed_on=date(2025, 3, 10),
        started_by=OFFICER,
        now=NOW,
    )


def scored_round() -> IndexRound:
    round_ = new_round()
    round_.submit_scorecard(
        group=Group.OFFICERS, rater="o-1", scores={"consultations.procedure": 3}, now=NOW
    )
    round_.submit_scorecard(
        group=Group.NGOS, rater="n-1", scores={"consultations.procedure": 1}, now=NOW
    )
    return round_


def conclude(round_: IndexRound) -> None:
    round_.record_conclusions(
        summary="Brakuje procedury konsultacji.",
        by_area={Area.SOCIAL_CONSULTATIONS: "Uchwalić procedurę."},
        recorded_by=OFFICER,
        now=NOW,
    )


def invalid_score_fields(scores: dict[str, int | None]) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        new_round().submit_scorecard(group=Group.NGOS, rater="n-1", scores=scores, now=NOW)
    assert caught.value.status == 422
    return [e.field for e in caught.value.errors]


class TestStartRound:
    def test_starts_open_without_scores(self) -> None:
        round_ = new_round()
        assert (round_.state, round_.scorecards) == (RoundState.OPEN, [])
        (event,) = round_.events
        assert isinstance(event, IndexRoundStarted)
        assert (event.round_id, event.assessed_on) == (round_.id, date(2025, 3, 10))

    def test_needs_a_title(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            start_round(
                tenant_id=TENANT,
                title="",
                assessed_on=date(2025, 3, 10),
                started_by=OFFICER,
                now=NOW,
            )
        assert caught.value.errors[0].field == "title"


class TestSubmitScorecard:
    def test_records_scores_and_skips_unknown_answers(self) -> None:
        card = new_round().submit_scorecard(
            group=Group.NGOS,
            rater="n-1",
            scores={"information.website": 4, "information.policy": None},
            now=NOW,
        )
        assert card.scores == {"information.website": 4}

    def test_replaces_the_raters_earlier_card(self) -> None:
        round_ = new_round()
        for score in (1, 2):
            round_.submit_scorecard(
                group=Group.NGOS, rater="n-1", scores={"information.website": score}, now=NOW
            )
        assert [c.scores for c in round_.scorecards] == [{"information.website": 2}]

    def test_keeps_the_groups_apart(self) -> None:
        round_ = new_round()
        for group in Group:
            round_.submit_scorecard(
                group=group, rater="same", scores={"information.website": 2}, now=NOW
            )
        assert len(round_.scorecards) == 2

    def test_refuses_an_unknown_indicator(self) -> None:
        assert invalid_score_fields({"made.up": 2}) == ["scores.made.up"]

    def test_refuses_a_score_off_the_scale(self) -> None:
        assert invalid_score_fields({"information.website": 5}) == ["scores.information.website"]

    def test_refuses_a_boolean_as_a_score(self) -> None:
        assert invalid_score_fields({"information.website": True}) == ["scores.information.website"]

    def test_needs_one_score(self) -> None:
        assert invalid_score_fields({"information.website": None}) == ["scores"]

    def test_refuses_after_publication(self) -> None:
        round_ = scored_round()
        conclude(round_)
        round_.publish(published_by=OFFICER, now=NOW)
        with pytest.raises(Conflict) as caught:
            round_.submit_scorecard(
                group=Group.NGOS, rater="n-2", scores={"information.website": 1}, now=NOW
            )
        assert caught.value.status == 409
        assert caught.value.extra["reason"] == "round-published"


class TestRecordConclusions:
    def test_records_summary_and_area_notes(self) -> None:
        round_ = new_round()
        conclude(round_)
        assert round_.conclusions is not None
        assert round_.conclusions.by_area == {Area.SOCIAL_CONSULTATIONS: "Uchwalić procedurę."}

    def test_needs_a_summary(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            new_round().record_conclusions(summary="", by_area={}, recorded_by=OFFICER, now=NOW)
        assert caught.value.errors[0].field == "summary"


class TestPublishRound:
    def test_refuses_until_both_groups_scored(self) -> None:
        round_ = new_round()
        round_.submit_scorecard(
            group=Group.OFFICERS, rater="o-1", scores={"information.website": 3}, now=NOW
        )
        conclude(round_)
        with pytest.raises(Conflict) as caught:
            round_.publish(published_by=OFFICER, now=NOW)
        assert caught.value.extra == {"reason": "group-not-scored", "missing_groups": ["ngos"]}

    def test_refuses_without_conclusions(self) -> None:
        with pytest.raises(Conflict) as caught:
            scored_round().publish(published_by=OFFICER, now=NOW)
        assert caught.value.extra["reason"] == "conclusions-missing"

    def test_publishes_the_result_and_records_the_event(self) -> None:
        round_ = scored_round()
        conclude(round_)
        round_.events.clear()
        result = round_.publish(published_by=OFFICER, now=NOW)
        assert round_.state is RoundState.PUBLISHED
        assert result.areas[Area.SOCIAL_CONSULTATIONS].combined == 2.0
        (event,) = round_.events
        assert isinstance(event, IndexRoundPublished)
        assert event.key() == round_.id
        assert event.combined_by_area["social_consultations"] == 2.0
        assert event.officers_by_area["mutual_information"] is None
        assert set(event.combined_by_area) == {a.value for a in Area}
        assert (event.officers_overall, event.ngos_overall) == (3.0, 1.0)

    def test_refuses_twice(self) -> None:
        round_ = scored_round()
        conclude(round_)
        round_.publish(published_by=OFFICER, now=NOW)
        with pytest.raises(Conflict):
            round_.publish(published_by=OFFICER, now=NOW)


class TestRoundEvents:
    def test_a_scorecard_is_announced_without_its_scores_or_rater(self) -> None:
        round_ = new_round()
        round_.events.clear()
        round_.submit_scorecard(
            group=Group.NGOS, rater="n-1", scores={"information.website": 4}, now=NOW
        )
        round_.submit_scorecard(
            group=Group.NGOS, rater="n-1", scores={"information.website": 2}, now=NOW
        )
        _first, second = round_.events
        assert isinstance(second, IndexScorecardSubmitted)
        assert (second.group, second.indicators_scored, second.scorecards_in_group) == (
            "ngos",
            1,
            1,
        )
        assert round_.scorecard_of(Group.NGOS, "n-1") is not None
        assert round_.scorecard_of(Group.OFFICERS, "n-1") is None

    def test_conclusions_are_announced_with_their_areas(self) -> None:
        round_ = new_round()
        round_.events.clear()
        conclude(round_)
        (event,) = round_.events
        assert isinstance(event, IndexConclusionsRecorded)
        assert event.areas == ["social_consultations"]
