"""Request and response bodies of consultations, their terms and the council."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from services.consultations.api.schemas.base import MAX_NUMBER, Strict
from services.consultations.domain.consultation.consultation import (
    Consultation,
    ConsultationState,
)
from services.consultations.domain.consultation.council import COUNCIL_MAX, PublicBenefitCouncil
from services.consultations.domain.consultation.schedule import ScheduleWarning
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
from shared.text import Line, Paragraph

__all__ = [
    "ConsultationTermsBody",
    "ConsultationView",
    "CouncilBody",
    "CouncilView",
    "StaffConsultationView",
]


class SectionBody(Strict):
    """A numbered section of the consulted document."""

    number: int = Field(le=MAX_NUMBER, description="Number of the section, unique in the document.")
    title: Line | None = Field(None, description="Heading, e.g. § 2. Cele programu.")
    text: Paragraph = Field(description="Wording of the section.")


class LinkBody(Strict):
    """A link to an attachment or a related page."""

    title: Line = Field(description="What the link leads to.")
    url: Line = Field(description="http:// or https:// address.")


class DocumentBody(Strict):
    """The consulted document: numbered sections plus optional links."""

    sections: list[SectionBody] = Field(max_length=1000, description="Sections in order.")
    links: list[LinkBody] = Field(default_factory=list, max_length=50, description="Links.")


class SurveyQuestionBody(Strict):
    """A survey question; without options it takes free text."""

    number: int = Field(le=MAX_NUMBER, description="Number of the question, unique in the survey.")
    text: Paragraph = Field(description="The question.")
    options: list[Line] = Field(default_factory=list, max_length=50, description="Options.")
    multiple: bool = Field(False, description="Whether several options may be chosen.")


class MeetingBody(Strict):
    """A consultation meeting."""

    starts_at: datetime = Field(description="When it starts, with its time zone.")
    place: Line = Field(description="Where it takes place.")


class FormsBody(Strict):
    """How one takes part."""

    written_comments: bool = Field(True, description="Written comments on sections.")
    survey: list[SurveyQuestionBody] = Field(default_factory=list, max_length=100)
    meetings: list[MeetingBody] = Field(default_factory=list, max_length=100)


class ConsultationTermsBody(Strict):
    """Everything an officer sets in a draft consultation."""

    title: Line = Field(description="Title of the consultation.")
    kind: ConsultationKind = Field(description="Kind of the consulted document.")
    programme_year: int | None = Field(
        None, description="For a cooperation programme: the year it is for."
    )
    document: DocumentBody = Field(description="The consulted document.")
    audiences: list[Audience] = Field(description="Who may take part.")
    forms: FormsBody = Field(default_factory=FormsBody, description="How one takes part.")
    starts_at: datetime = Field(description="When comments start being taken, with time zone.")
    ends_at: datetime = Field(description="When comments stop being taken, with time zone.")

    def to_terms(self) -> ConsultationTerms:
        """Return the domain's terms."""
        return ConsultationTerms(
            title=self.title,
            kind=self.kind,
            document=Document(
                sections=tuple(Section(s.number, s.text, s.title) for s in self.document.sections),
                links=tuple(Link(k.title, k.url) for k in self.document.links),
            ),
            audiences=frozenset(self.audiences),
            forms=Forms(
                written_comments=self.forms.written_comments,
                survey=tuple(
                    SurveyQuestion(q.number, q.text, tuple(q.options), q.multiple)
                    for q in self.forms.survey
                ),
                meetings=tuple(Meeting(m.starts_at, m.place) for m in self.forms.meetings),
            ),
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            programme_year=self.programme_year,
        )

    @classmethod
    def of(cls, terms: ConsultationTerms) -> ConsultationTermsBody:
        """Render the domain's terms as stored (no input checks: they ran when it was written)."""
        return cls.model_construct(
            title=terms.title,
            kind=terms.kind,
            programme_year=terms.programme_year,
            document=DocumentBody.model_construct(
                sections=[
                    SectionBody.model_construct(number=s.number, title=s.title, text=s.text)
                    for s in terms.document.sections
                ],
                links=[
                    LinkBody.model_construct(title=k.title, url=k.url)
                    for k in terms.document.links
                ],
            ),
            audiences=sorted(terms.audiences),
            forms=FormsBody.model_construct(
                written_comments=terms.forms.written_comments,
                survey=[
                    SurveyQuestionBody.model_construct(
                        number=q.number, text=q.text, options=list(q.options), multiple=q.multiple
                    )
                    for q in terms.forms.survey
                ],
                meetings=[MeetingBody.model_construct(starts_at=m.starts_at, place=m.place)
                          for m in terms.forms.meetings],
            ),
            starts_at=terms.starts_at,
            ends_at=terms.ends_at,
        )  # fmt: skip


class ConsultationView(ConsultationTermsBody):
    """A consultation as the public sees it once opened."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="Platform id of the consultation.")
    tenant_id: str = Field(description="TERYT code of the municipality.")
    state: ConsultationState = Field(description="draft, open, closed or report_published.")
    opened_at: datetime | None = Field(None, description="When it was opened.")
    closed_at: datetime | None = Field(None, description="When it was closed.")
    report_published_at: datetime | None = Field(None, description="When its report came out.")
    highlights: dict[str, str] | None = Field(
        None,
        description=(
            "Only with `q`: the title, subject, section titles or text as escaped HTML with "
            "the matched words in <mark>."
        ),
    )

    @classmethod
    def of_consultation(
        cls, consultation: Consultation, highlights: dict[str, str] | None = None
    ) -> ConsultationView:
        """Render a consultation for the public."""
        return cls.model_construct(**_consultation_fields(consultation), highlights=highlights)


class WarningView(BaseModel):
    """A risk in the timetable the officer should know about."""

    code: str = Field(description="Stable code, e.g. programme-adoption-at-risk.")
    message: str = Field(description="What is at risk, in the caller's language.")


class StaffConsultationView(ConsultationView):
    """A consultation as its municipality's staff see it."""

    drafted_by: str = Field(description="Subject (user id) of the drafting officer.")
    drafted_at: datetime = Field(description="When it was drafted.")
    warnings: list[WarningView] = Field(description="Timetable warnings of a draft.")

    @classmethod
    def of_staff(
        cls, consultation: Consultation, warnings: list[ScheduleWarning], language: str
    ) -> StaffConsultationView:
        """Render a consultation for staff, warnings in `language`."""
        return cls.model_construct(
            **_consultation_fields(consultation),
            drafted_by=consultation.drafted_by,
            drafted_at=consultation.drafted_at,
            warnings=[
                WarningView(code=w.code, message=w.message.in_language(language)) for w in warnings
            ],
        )


def _consultation_fields(consultation: Consultation) -> dict[str, Any]:
    return {
        **dict(ConsultationTermsBody.of(consultation.terms)),
        "id": consultation.id,
        "tenant_id": consultation.tenant_id,
        "state": consultation.state,
        "opened_at": consultation.opened_at,
        "closed_at": consultation.closed_at,
        "report_published_at": consultation.report_published_at,
    }


class CouncilBody(Strict):
    """The members of the public benefit council."""

    members: list[Line] = Field(
        max_length=COUNCIL_MAX, description="Platform user ids (token subjects) of the members."
    )


class CouncilView(BaseModel):
    """The public benefit council as kept here."""

    tenant_id: str
    members: list[str]
    changed_at: datetime | None

    @classmethod
    def of(cls, council: PublicBenefitCouncil) -> CouncilView:
        """Render a council."""
        return cls(
            tenant_id=council.tenant_id,
            members=sorted(council.members),
            changed_at=council.changed_at,
        )
