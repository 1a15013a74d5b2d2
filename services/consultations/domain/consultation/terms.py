"""What an officer decides before opening a consultation: the document, who, how and when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from services.consultations.domain.common.validation import Problems
from shared.errors import Text

__all__ = [
    "KIND_LABELS",
    "Audience",
    "ConsultationKind",
    "ConsultationTerms",
    "Document",
    "Forms",
    "Link",
    "Meeting",
    "Section",
    "SurveyQuestion",
    "check_terms",
]

TITLE_MAX = 300
SECTION_MAX = 20_000
SHORT_MAX = 500


class ConsultationKind(StrEnum):
    """Kinds of documents a municipality consults."""

    ANNUAL_COOPERATION_PROGRAMME = "annual_cooperation_programme"
    MULTI_ANNUAL_COOPERATION_PROGRAMME = "multi_annual_cooperation_programme"
    MUNICIPAL_STRATEGY = "municipal_strategy"
    SOCIAL_PROBLEMS_STRATEGY = "social_problems_strategy"
    LOCAL_LAW = "local_law"
    OTHER = "other"


KIND_LABELS: dict[ConsultationKind, Text] = {
    ConsultationKind.ANNUAL_COOPERATION_PROGRAMME: Text(
        "roczny program współpracy", "annual cooperation programme"
    ),
    ConsultationKind.MULTI_ANNUAL_COOPERATION_PROGRAMME: Text(
        "wieloletni program współpracy", "multi-annual cooperation programme"
    ),
    ConsultationKind.MUNICIPAL_STRATEGY: Text("strategia rozwoju gminy", "municipal strategy"),
    ConsultationKind.SOCIAL_PROBLEMS_STRATEGY: Text(
        "strategia rozwiązywania problemów społecznych", "social problems strategy"
    ),
    ConsultationKind.LOCAL_LAW: Text("akt prawa miejscowego", "local law"),
    ConsultationKind.OTHER: Text("inny dokument", "other document"),
}

_PROGRAMMES = frozenset(
    {
        ConsultationKind.ANNUAL_COOPERATION_PROGRAMME,
        ConsultationKind.MULTI_ANNUAL_COOPERATION_PROGRAMME,
    }
)


class Audience(StrEnum):
    """Who may take part in a consultation."""

    NGOS = "ngos"
    RESIDENTS = "residents"
    PUBLIC_BENEFIT_COUNCIL = "public_benefit_council"


@dataclass(frozen=True)
class Section:
    """One numbered section of the consulted document."""

    number: int
    text: str
    title: str | None = None


@dataclass(frozen=True)
class Link:
    """A link to an attachment or a related page."""

    title: str
    url: str


@dataclass(frozen=True)
class Document:
    """The consulted document: numbered sections plus optional links."""

    sections: tuple[Section, ...]
    links: tuple[Link, ...] = ()

    def section(self, number: int) -> Section | None:
        """Return the section with `number`, if the document has one."""
        return next((s for s in self.sections if s.number == number), None)


@dataclass(frozen=True)
class SurveyQuestion:
    """A survey question; without options it is an open question."""

    number: int
    text: str
    options: tuple[str, ...] = ()
    multiple: bool = False

    @property
    def is_open(self) -> bool:
        """Return whether the question takes free text."""
        return not self.options


@dataclass(frozen=True)
class Meeting:
    """A consultation meeting with its date and place."""

    starts_at: datetime
    place: str


@dataclass(frozen=True)
class Forms:
    """How one takes part: written comments on sections, a survey, meetings."""

    written_comments: bool = True
    survey: tuple[SurveyQuestion, ...] = ()
    meetings: tuple[Meeting, ...] = ()


@dataclass(frozen=True)
class ConsultationTerms:
    """Everything an officer sets in a draft consultation."""

    title: str
    kind: ConsultationKind
    document: Document
    audiences: frozenset[Audience]
    forms: Forms
    starts_at: datetime
    ends_at: datetime
    programme_year: int | None = None


def check_terms(terms: ConsultationTerms) -> None:
    """Raise InvalidInput naming every field of `terms` that breaks a rule."""
    problems = Problems()
    problems.text(terms.title, "title", max_length=TITLE_MAX)
    _check_programme_year(terms, problems)
    if not terms.audiences:
        problems.add(
            "audiences", "Wskaż, kto może wziąć udział.", "Say who may take part.", "required"
        )
    _check_document(terms.document, problems)
    _check_period(terms, problems)
    _check_forms(terms, problems)
    problems.raise_if_any()


def _check_programme_year(terms: ConsultationTerms, problems: Problems) -> None:
    if terms.kind is ConsultationKind.ANNUAL_COOPERATION_PROGRAMME and terms.programme_year is None:
        problems.add(
            "programme_year",
            "Podaj rok, na który jest program współpracy.",
            "Give the year the cooperation programme is for.",
            "required",
        )
    elif terms.programme_year is not None and terms.kind not in _PROGRAMMES:
        problems.add(
            "programme_year",
            "Rok programu dotyczy tylko programów współpracy.",
            "A programme year applies only to cooperation programmes.",
            "not-applicable",
        )
    elif terms.programme_year is not None and not 2000 <= terms.programme_year <= 2100:
        problems.add("programme_year", "Nieprawidłowy rok.", "Invalid year.", "out-of-range")


def _check_document(document: Document, problems: Problems) -> None:
    if not document.sections:
        problems.add(
            "document.sections",
            "Dokument musi mieć co najmniej jeden punkt.",
            "The document needs at least one section.",
            "required",
        )
    seen: set[int] = set()
    for index, section in enumerate(document.sections):
        field = f"document.sections.{index}"
        if section.number < 1 or section.number in seen:
            problems.add(
                f"{field}.number",
                "Numery punktów są dodatnie i niepowtarzalne.",
                "Section numbers are positive and unique.",
                "duplicate-or-invalid",
            )
        seen.add(section.number)
        problems.text(section.text, f"{field}.text", max_length=SECTION_MAX)
        if section.title is not None:
            problems.text(section.title, f"{field}.title", max_length=TITLE_MAX)
    for index, link in enumerate(document.links):
        problems.text(link.title, f"document.links.{index}.title", max_length=TITLE_MAX)
        if not _is_web_address(link.url):
            problems.add(
                f"document.links.{index}.url",
                "Adres musi zaczynać się od http:// lub https://.",
                "The address must start with http:// or https://.",
                "url",
            )


def _is_web_address(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _check_period(terms: ConsultationTerms, problems: Problems) -> None:
    both_aware = problems.aware(terms.starts_at, "starts_at") & problems.aware(
        terms.ends_at, "ends_at"
    )
    if both_aware and terms.ends_at <= terms.starts_at:
        problems.add(
            "ends_at",
            "Koniec konsultacji musi być po ich początku.",
            "The consultation must end after it starts.",
            "before-start",
        )


def _check_forms(terms: ConsultationTerms, problems: Problems) -> None:
    forms = terms.forms
    if not (forms.written_comments or forms.survey or forms.meetings):
        problems.add(
            "forms",
            "Wybierz co najmniej jedną formę konsultacji.",
            "Choose at least one form of consultation.",
            "required",
        )
    _check_survey(forms.survey, problems)
    for index, meeting in enumerate(forms.meetings):
        field = f"forms.meetings.{index}"
        problems.text(meeting.place, f"{field}.place", max_length=SHORT_MAX)
        if problems.aware(meeting.starts_at, f"{field}.starts_at") and _outside_period(
            meeting.starts_at, terms
        ):
            problems.add(
                f"{field}.starts_at",
                "Spotkanie musi się odbyć w czasie konsultacji.",
                "The meeting must take place during the consultation.",
                "outside-period",
            )


def _outside_period(moment: datetime, terms: ConsultationTerms) -> bool:
    # A broken period is reported on its own fields; comparing against it would only add noise
    # (and comparing aware with naive times raises).
    if terms.starts_at.tzinfo is None or terms.ends_at.tzinfo is None:
        return False
    if terms.ends_at <= terms.starts_at:
        return False
    return not terms.starts_at <= moment <= terms.ends_at


def _check_survey(questions: Sequence[SurveyQuestion], problems: Problems) -> None:
    seen: set[int] = set()
    for index, question in enumerate(questions):
        field = f"forms.survey.{index}"
        if question.number < 1 or question.number in seen:
            problems.add(
                f"{field}.number",
                "Numery pytań są dodatnie i niepowtarzalne.",
                "Question numbers are positive and unique.",
                "duplicate-or-invalid",
            )
        seen.add(question.number)
        problems.text(question.text, f"{field}.text", max_length=SHORT_MAX * 2)
        for position, option in enumerate(question.options):
            problems.text(option, f"{field}.options.{position}", max_length=SHORT_MAX)
        if len(set(question.options)) != len(question.options) or len(question.options) == 1:
            problems.add(
                f"{field}.options",
                "Pytanie zamknięte ma co najmniej dwie różne odpowiedzi.",
                "A closed question has at least two different options.",
                "options",
            )
        if question.multiple and question.is_open:
            problems.add(
                f"{field}.multiple",
                "Wielokrotny wybór wymaga listy odpowiedzi.",
                "Multiple choice needs a list of options.",
                "options",
            )
