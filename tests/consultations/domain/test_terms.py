"""Checks of a consultation's terms: every broken rule names its field."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from services.consultations.domain.consultation.terms import (
    ConsultationKind,
    Document,
    Forms,
    Link,
    Meeting,
    Section,
    SurveyQuestion,
    check_terms,
)
from shared.errors import InvalidInput

from .factories import END, START, make_terms


def fields_of(error: InvalidInput) -> set[str]:
    return {e.field for e in error.errors}


def refused(**overrides: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        check_terms(make_terms(**overrides))
    assert caught.value.status == 422
    return caught.value


class TestCheckTerms:
    def test_accepts_complete_terms(self) -> None:
        check_terms(make_terms())

    def test_requires_a_title(self) -> None:
        assert fields_of(refused(title="  ")) == {"title"}

    def test_collects_every_problem_at_once(self) -> None:
        error = refused(title="", audiences=frozenset())
        assert fields_of(error) == {"title", "audiences"}
        assert error.detail.en == "Correct the marked fields."

    def test_names_the_single_problem_in_the_detail(self) -> None:
        assert refused(title="").detail.en == "The field must not be empty."


class TestProgrammeYear:
    def test_is_required_for_an_annual_programme(self) -> None:
        error = refused(programme_year=None)
        assert fields_of(error) == {"programme_year"}
        assert error.errors[0].code == "required"

    def test_is_optional_for_a_multi_annual_programme(self) -> None:
        kind = ConsultationKind.MULTI_ANNUAL_COOPERATION_PROGRAMME
        check_terms(make_terms(kind=kind, programme_year=None))

    def test_is_refused_for_other_documents(self) -> None:
        error = refused(kind=ConsultationKind.LOCAL_LAW, programme_year=2026)
        assert error.errors[0].code == "not-applicable"

    def test_must_be_a_plausible_year(self) -> None:
        assert refused(programme_year=26).errors[0].code == "out-of-range"


class TestDocument:
    def test_needs_a_section(self) -> None:
        assert fields_of(refused(document=Document(sections=()))) == {"document.sections"}

    def test_refuses_repeated_section_numbers(self) -> None:
        document = Document(sections=(Section(1, "a"), Section(1, "b")))
        assert fields_of(refused(document=document)) == {"document.sections.1.number"}

    def test_refuses_a_section_without_text(self) -> None:
        document = Document(sections=(Section(1, "a"), Section(2, " ")))
        assert fields_of(refused(document=document)) == {"document.sections.1.text"}

    def test_refuses_a_link_that_is_not_a_web_address(self) -> None:
        document = Document(sections=(Section(1, "a"),), links=(Link("x", "javascript:1"),))
        assert fields_of(refused(document=document)) == {"document.links.0.url"}

    def test_finds_a_section_by_number(self) -> None:
        document = make_terms().document
        assert document.section(3) is not None
        assert document.section(9) is None


class TestPeriod:
    def test_refuses_an_end_before_the_start(self) -> None:
        assert fields_of(refused(ends_at=START - timedelta(hours=1))) == {"ends_at"}

    def test_refuses_times_without_a_time_zone(self) -> None:
        error = refused(starts_at=datetime(2025, 10, 1, 8, 0))
        assert fields_of(error) == {"starts_at"}
        assert error.errors[0].code == "timezone-required"


class TestForms:
    def test_needs_at_least_one_form(self) -> None:
        forms = Forms(written_comments=False)
        assert fields_of(refused(forms=forms)) == {"forms"}

    def test_refuses_a_meeting_outside_the_period(self) -> None:
        forms = Forms(meetings=(Meeting(END + timedelta(days=1), "Sala"),))
        assert fields_of(refused(forms=forms)) == {"forms.meetings.0.starts_at"}

    def test_refuses_a_meeting_without_a_place(self) -> None:
        forms = Forms(meetings=(Meeting(START, ""),))
        assert fields_of(refused(forms=forms)) == {"forms.meetings.0.place"}

    def test_refuses_a_closed_question_with_one_option(self) -> None:
        forms = Forms(survey=(SurveyQuestion(1, "Tak?", ("tak",)),))
        assert fields_of(refused(forms=forms)) == {"forms.survey.0.options"}

    def test_refuses_multiple_choice_without_options(self) -> None:
        forms = Forms(survey=(SurveyQuestion(1, "Co?", multiple=True),))
        assert fields_of(refused(forms=forms)) == {"forms.survey.0.multiple"}

    def test_refuses_repeated_question_numbers(self) -> None:
        question = SurveyQuestion(1, "Co?")
        forms = Forms(survey=(question, replace(question, text="Dlaczego?")))
        assert fields_of(refused(forms=forms)) == {"forms.survey.1.number"}
