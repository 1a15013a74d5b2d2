"""Response bodies of published consultation reports."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from services.consultations.api.schemas.consultations import MeetingBody
from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.consultation.participants import ParticipantKind
from services.consultations.domain.consultation.terms import ConsultationKind
from services.consultations.services.public import NamedReport

__all__ = ["ReportView"]


class ReportEntryView(BaseModel):
    """One comment with its answer; a person is never named."""

    comment_id: str
    section_number: int
    section_title: str | None
    participant_kind: ParticipantKind
    organization_id: str | None
    organization_name: str | None = Field(description="Name of the commenting organization.")
    current_wording: str | None
    proposed_wording: str | None
    justification: str
    verdict: Verdict
    answer_justification: str


class ParticipationView(BaseModel):
    """Who took part and how their comments fared."""

    comments: int
    comments_by_kind: dict[ParticipantKind, int]
    organizations: int
    residents: int
    accepted: int
    partly_accepted: int
    rejected: int
    survey_responses: int


class QuestionResultView(BaseModel):
    """The tally of one survey question."""

    number: int
    text: str
    responses: int
    option_counts: dict[str, int]
    open_answers: list[str]


class ReportView(BaseModel):
    """A published consultation report."""

    consultation_id: str
    tenant_id: str
    municipality_name: str | None
    title: str
    kind: ConsultationKind
    starts_at: datetime
    ends_at: datetime
    meetings: list[MeetingBody]
    entries: list[ReportEntryView]
    participation: ParticipationView
    survey: list[QuestionResultView]
    published_at: datetime
    page: str = Field(description="Path of the readable HTML page of the report.")

    @classmethod
    def of(cls, named: NamedReport) -> ReportView:
        """Render a report with the names it mentions."""
        report, names = named.report, named.organization_names
        figures = report.participation
        return cls(
            consultation_id=report.consultation_id,
            tenant_id=report.tenant_id,
            municipality_name=named.municipality_name,
            title=report.title,
            kind=report.kind,
            starts_at=report.starts_at,
            ends_at=report.ends_at,
            meetings=[MeetingBody(starts_at=m.starts_at, place=m.place) for m in report.meetings],
            entries=[
                ReportEntryView(
                    comment_id=e.comment_id,
                    section_number=e.section_number,
                    section_title=e.section_title,
                    participant_kind=e.participant_kind,
                    organization_id=e.organization_id,
                    organization_name=names.get(e.organization_id) if e.organization_id else None,
                    current_wording=e.current_wording,
                    proposed_wording=e.proposed_wording,
                    justification=e.justification,
                    verdict=e.verdict,
                    answer_justification=e.answer_justification,
                )
                for e in report.entries
            ],
            participation=ParticipationView(
                comments=figures.comments,
                comments_by_kind=figures.comments_by_kind,
                organizations=figures.organizations,
                residents=figures.residents,
                accepted=figures.accepted,
                partly_accepted=figures.partly_accepted,
                rejected=figures.rejected,
                survey_responses=figures.survey_responses,
            ),
            survey=[
                QuestionResultView(
                    number=q.number,
                    text=q.text,
                    responses=q.responses,
                    option_counts=q.option_counts,
                    open_answers=list(q.open_answers),
                )
                for q in report.survey
            ],
            published_at=report.published_at,
            page=f"/public/municipalities/{report.tenant_id}/consultations/"
            f"{report.consultation_id}/report.html",
        )
