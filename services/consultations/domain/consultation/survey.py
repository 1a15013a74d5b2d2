"""Survey responses of a consultation and their tally for the report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from services.consultations.domain.common.validation import Problems
from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.participants import Participant
from services.consultations.domain.consultation.terms import SurveyQuestion
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.consultations import SurveyResponseSubmitted
from shared.errors import Conflict, Text

__all__ = ["QuestionResult", "SurveyResponse", "submit_survey_response", "tally_survey"]

OPEN_ANSWER_MAX = 2_000


@dataclass
class SurveyResponse:
    """One participant's answers: chosen options, or one free text for an open question."""

    id: str
    tenant_id: str
    consultation_id: str
    respondent: Participant
    answers: dict[int, tuple[str, ...]]
    submitted_at: datetime
    # Only to count against the per-address limit: a keyed hash, never the address itself.
    client_key: str | None = None
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)


@dataclass(frozen=True)
class QuestionResult:
    """The tally of one question: counts per option, or the open answers."""

    number: int
    text: str
    responses: int
    option_counts: dict[str, int]
    open_answers: tuple[str, ...]


def submit_survey_response(
    consultation: Consultation,
    *,
    respondent: Participant,
    answers: Mapping[int, Sequence[str]],
    now: datetime,
    answered_before: bool = False,
    from_address: int = 0,
    per_address: int = 200,
    client_key: str | None = None,
) -> SurveyResponse:
    """Record a participant's survey answers in an open consultation, once per participant."""
    consultation.ensure_open_to(respondent, now)
    questions = consultation.terms.forms.survey
    if not questions:
        raise Conflict(
            detail=Text("Te konsultacje nie mają ankiety.", "This consultation has no survey."),
            extra={"reason": "no-survey"},
        )
    if answered_before:
        # One voice per person keeps the tally honest; a survey is not a petition.
        raise Conflict(
            detail=Text(
                "Ankieta została już przez Ciebie wypełniona.",
                "You have already answered this survey.",
            ),
            extra={"reason": "survey-already-answered"},
        )
    _ensure_below_address_limit(from_address, per_address)
    checked = _checked_answers(questions, answers)
    response = SurveyResponse(
        id=new_id(),
        tenant_id=consultation.tenant_id,
        consultation_id=consultation.id,
        respondent=respondent,
        answers=checked,
        submitted_at=now,
        client_key=client_key,
    )
    response.events.append(
        SurveyResponseSubmitted(
            response_id=response.id,
            consultation_id=consultation.id,
            participant_kind=respondent.kind.value,
            organization_id=respondent.organization_id,
            submitted_at=now,
        )
    )
    return response


def _ensure_below_address_limit(from_address: int, per_address: int) -> None:
    # Many people share an address (an office, a library), so the limit is generous; it
    # bounds a flood of responses signed with ever new accounts.
    if from_address >= per_address:
        raise Conflict(
            detail=Text(
                f"Z tego adresu wypełniono już {per_address} ankiet w tych konsultacjach; "
                "to limit.",
                f"{per_address} survey responses in this consultation came from this address, "
                "the limit.",
            ),
            extra={"reason": "survey-limit-per-address", "limit": per_address},
        )


def _checked_answers(
    questions: Sequence[SurveyQuestion], answers: Mapping[int, Sequence[str]]
) -> dict[int, tuple[str, ...]]:
    problems = Problems()
    by_number = {q.number: q for q in questions}
    checked: dict[int, tuple[str, ...]] = {}
    for number, given in answers.items():
        field_name = f"answers.{number}"
        question = by_number.get(number)
        if question is None:
            problems.add(field_name, "Nie ma takiego pytania.", "No such question.", "unknown")
            continue
        values = tuple(v.strip() for v in given if v.strip())
        if values:
            checked[number] = _checked_values(question, values, field_name, problems)
    if not checked and not problems.errors:
        problems.add(
            "answers",
            "Odpowiedz na co najmniej jedno pytanie.",
            "Answer at least one question.",
            "required",
        )
    problems.raise_if_any()
    return checked


def _checked_values(
    question: SurveyQuestion, values: tuple[str, ...], field_name: str, problems: Problems
) -> tuple[str, ...]:
    if question.is_open:
        if len(values) > 1:
            problems.add(field_name, "Podaj jedną odpowiedź.", "Give one answer.", "single")
        return (problems.text(values[0], field_name, max_length=OPEN_ANSWER_MAX),)
    if len(values) > 1 and not question.multiple:
        problems.add(field_name, "Wybierz jedną odpowiedź.", "Choose one option.", "single-choice")
    elif len(set(values)) != len(values):
        problems.add(
            field_name, "Każdą odpowiedź wybierz raz.", "Choose each option once.", "duplicate"
        )
    if any(v not in question.options for v in values):
        problems.add(
            field_name,
            "Wybierz spośród podanych odpowiedzi.",
            "Choose among the given options.",
            "unknown-option",
        )
    return values


def tally_survey(
    questions: Sequence[SurveyQuestion], responses: Iterable[SurveyResponse]
) -> tuple[QuestionResult, ...]:
    """Count the answers to every question of a survey."""
    answered = [r.answers for r in responses]
    return tuple(_tally_question(q, answered) for q in questions)


def _tally_question(
    question: SurveyQuestion, answered: list[dict[int, tuple[str, ...]]]
) -> QuestionResult:
    given = [a[question.number] for a in answered if question.number in a]
    if question.is_open:
        return QuestionResult(
            question.number, question.text, len(given), {}, tuple(values[0] for values in given)
        )
    counts = Counter(value for values in given for value in values)
    return QuestionResult(
        question.number,
        question.text,
        len(given),
        {option: counts.get(option, 0) for option in question.options},
        (),
    )
