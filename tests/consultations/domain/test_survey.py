"""Survey responses and their tally."""

from __future__ import annotations

from datetime import datetime

import pytest

from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.participants import Participant
from services.consultations.domain.consultation.survey import (
    SurveyResponse,
    submit_survey_response,
    tally_survey,
)
from services.consultations.domain.consultation.terms import Forms
from shared.contracts.consultations import SurveyResponseSubmitted
from shared.errors import Conflict, InvalidInput

from .factories import AFTER, DURING, SURVEY, make_open, ngo, resident


def respond(
    consultation: Consultation,
    answers: dict[int, list[str]],
    respondent: Participant | None = None,
    now: datetime = DURING,
) -> SurveyResponse:
    return submit_survey_response(
        consultation, respondent=respondent or ngo(), answers=answers, now=now
    )


def refused_fields(answers: dict[int, list[str]]) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        respond(make_open(), answers)
    assert caught.value.status == 422
    return [e.field for e in caught.value.errors]


class TestSubmitSurveyResponse:
    def test_records_answers_and_the_event(self) -> None:
        response = respond(make_open(), {1: ["sport"], 2: ["lokal", "patronat"], 3: [" Dzięki "]})
        assert response.answers == {1: ("sport",), 2: ("lokal", "patronat"), 3: ("Dzięki",)}
        (event,) = response.events
        assert isinstance(event, SurveyResponseSubmitted)
        assert (event.participant_kind, event.organization_id) == ("organization", "org-1")

    def test_skips_unanswered_questions(self) -> None:
        assert respond(make_open(), {1: ["sport"], 3: [""]}).answers == {1: ("sport",)}

    def test_needs_one_answer(self) -> None:
        assert refused_fields({3: ["  "]}) == ["answers"]

    def test_refuses_an_unknown_question(self) -> None:
        assert refused_fields({9: ["tak"]}) == ["answers.9"]

    def test_refuses_an_option_not_offered(self) -> None:
        assert refused_fields({1: ["kultura"]}) == ["answers.1"]

    def test_refuses_two_options_of_a_single_choice(self) -> None:
        assert refused_fields({1: ["sport", "młodzież"]}) == ["answers.1"]

    def test_refuses_the_same_option_twice(self) -> None:
        assert refused_fields({2: ["lokal", "lokal"]}) == ["answers.2"]

    def test_refuses_when_there_is_no_survey(self) -> None:
        with pytest.raises(Conflict) as caught:
            respond(make_open(forms=Forms()), {1: ["sport"]})
        assert caught.value.extra["reason"] == "no-survey"

    def test_refuses_once_the_address_reached_the_limit(self) -> None:
        with pytest.raises(Conflict) as caught:
            submit_survey_response(
                make_open(),
                respondent=resident(),
                answers={1: ["sport"]},
                now=DURING,
                from_address=2,
                per_address=2,
            )
        assert caught.value.extra == {"reason": "survey-limit-per-address", "limit": 2}

    def test_refuses_after_end(self) -> None:
        with pytest.raises(Conflict) as caught:
            respond(make_open(), {1: ["sport"]}, now=AFTER)
        assert caught.value.status == 409

    def test_refuses_a_second_response_of_the_same_participant(self) -> None:
        with pytest.raises(Conflict) as caught:
            submit_survey_response(
                make_open(),
                respondent=resident(),
                answers={1: ["sport"]},
                now=DURING,
                answered_before=True,
            )
        assert caught.value.extra["reason"] == "survey-already-answered"


class TestTallySurvey:
    def test_counts_options_and_lists_open_answers(self) -> None:
        consultation = make_open()
        responses = [
            respond(consultation, {1: ["sport"], 2: ["lokal"]}),
            respond(consultation, {1: ["sport"], 3: ["Więcej konsultacji."]}, resident()),
            respond(consultation, {2: ["lokal", "patronat"]}, ngo("org-2")),
        ]
        first, second, third = tally_survey(SURVEY, responses)
        assert (first.responses, first.option_counts) == (
            2,
            {"seniorzy": 0, "młodzież": 0, "sport": 2},
        )
        assert second.option_counts == {"lokal": 2, "patronat": 1}
        assert (third.responses, third.open_answers) == (1, ("Więcej konsultacji.",))
