"""Factories of consultations-domain objects with sensible defaults, overridable per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from services.consultations.domain.consultation.comment import Comment, Verdict, submit_comment
from services.consultations.domain.consultation.consultation import (
    Consultation,
    draft_consultation,
)
from services.consultations.domain.consultation.participants import Participant
from services.consultations.domain.consultation.terms import (
    Audience,
    ConsultationKind,
    ConsultationTerms,
    Document,
    Forms,
    Link,
    Meeting,
    Section,
    SurveyQuestion,
)

TENANT = "0601011"
OFFICER = "officer-1"
START = datetime(2025, 10, 1, 8, 0, tzinfo=UTC)
END = datetime(2025, 10, 22, 22, 0, tzinfo=UTC)
DURING = START + timedelta(days=3)
AFTER = END + timedelta(minutes=1)

SURVEY = (
    SurveyQuestion(1, "Który priorytet jest najważniejszy?", ("seniorzy", "młodzież", "sport")),
    SurveyQuestion(2, "Które formy wsparcia znasz?", ("lokal", "patronat"), multiple=True),
    SurveyQuestion(3, "Co jeszcze chcesz nam powiedzieć?"),
)


def make_terms(**overrides: Any) -> ConsultationTerms:
    """Return valid terms of an annual programme consultation, with `overrides` applied."""
    terms = ConsultationTerms(
        title="Program współpracy z organizacjami pozarządowymi na 2026 r.",
        kind=ConsultationKind.ANNUAL_COOPERATION_PROGRAMME,
        document=Document(
            sections=(
                Section(1, "Cel główny programu to budowanie partnerstwa.", "§ 1. Cele"),
                Section(2, "Priorytetowe zadania publiczne: pomoc społeczna, sport.", "§ 2."),
                Section(3, "Na realizację programu przeznacza się 500 000 zł."),
            ),
            links=(Link("Sprawozdanie za 2024 r.", "https://bip.example.pl/sprawozdanie"),),
        ),
        audiences=frozenset({Audience.NGOS, Audience.RESIDENTS}),
        forms=Forms(
            written_comments=True,
            survey=SURVEY,
            meetings=(Meeting(START + timedelta(days=7), "Sala narad urzędu gminy"),),
        ),
        starts_at=START,
        ends_at=END,
        programme_year=2026,
    )
    return replace(terms, **overrides)


def make_draft(**overrides: Any) -> Consultation:
    """Return a draft consultation of `make_terms(**overrides)`."""
    return draft_consultation(
        tenant_id=TENANT, terms=make_terms(**overrides), drafted_by=OFFICER, now=START
    )


def make_open(**overrides: Any) -> Consultation:
    """Return an opened consultation with its events cleared."""
    consultation = make_draft(**overrides)
    consultation.open(opened_by=OFFICER, now=START - timedelta(days=1))
    consultation.events.clear()
    return consultation


def make_closed(**overrides: Any) -> Consultation:
    """Return a consultation closed on time, with its events cleared."""
    consultation = make_open(**overrides)
    consultation.close_if_due(AFTER)
    consultation.events.clear()
    return consultation


def ngo(organization_id: str = "org-1", subject: str | None = None) -> Participant:
    """Return an NGO member speaking for `organization_id`."""
    return Participant.for_organization(subject or f"member-of-{organization_id}", organization_id)


def resident(subject: str = "resident-1") -> Participant:
    """Return an authenticated resident."""
    return Participant.resident(subject)


def comment_on(
    consultation: Consultation, author: Participant | None = None, **overrides: Any
) -> Comment:
    """Return a comment submitted during the consultation, events cleared."""
    arguments: dict[str, Any] = {
        "author": author or ngo(),
        "section_number": 2,
        "current_wording": "pomoc społeczna, sport",
        "proposed_wording": "pomoc społeczna, sport, działania na rzecz seniorów",
        "justification": "W gminie rośnie liczba seniorów.",
        "now": DURING,
    }
    comment = submit_comment(consultation, **(arguments | overrides))
    comment.events.clear()
    return comment


def answer(
    comment: Comment, consultation: Consultation, verdict: Verdict = Verdict.ACCEPTED
) -> Comment:
    """Answer `comment` and clear its events."""
    comment.answer_with(
        consultation,
        verdict=verdict,
        justification="Zapis uzupełniono.",
        answered_by=OFFICER,
        now=AFTER + timedelta(days=1),
    )
    comment.events.clear()
    return comment
