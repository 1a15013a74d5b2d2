"""The consultation report: every comment with its answer, participation and survey results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from services.consultations.domain.consultation.comment import Comment, Verdict
from services.consultations.domain.consultation.consultation import Consultation, ConsultationState
from services.consultations.domain.consultation.participants import Participant, ParticipantKind
from services.consultations.domain.consultation.survey import (
    QuestionResult,
    SurveyResponse,
    tally_survey,
)
from services.consultations.domain.consultation.terms import ConsultationKind, Meeting
from shared.contracts.consultations import ConsultationReportPublished
from shared.errors import Conflict, Text

__all__ = ["ConsultationReport", "ParticipationFigures", "ReportEntry", "publish_report"]


@dataclass(frozen=True)
class ReportEntry:
    """One comment with its answer, as the public sees it (a resident stays anonymous)."""

    comment_id: str
    section_number: int
    section_title: str | None
    participant_kind: ParticipantKind
    organization_id: str | None
    current_wording: str | None
    proposed_wording: str | None
    justification: str
    verdict: Verdict
    answer_justification: str


@dataclass(frozen=True)
class ParticipationFigures:
    """Who took part and how their comments fared."""

    comments: int
    comments_by_kind: dict[ParticipantKind, int]
    organizations: int
    residents: int
    accepted: int
    partly_accepted: int
    rejected: int
    survey_responses: int


@dataclass(frozen=True)
class ConsultationReport:
    """The published report of one consultation; a snapshot that never changes."""

    consultation_id: str
    tenant_id: str
    title: str
    kind: ConsultationKind
    starts_at: datetime
    ends_at: datetime
    meetings: tuple[Meeting, ...]
    entries: tuple[ReportEntry, ...]
    participation: ParticipationFigures
    survey: tuple[QuestionResult, ...]
    published_by: str
    published_at: datetime


def publish_report(
    consultation: Consultation,
    comments: Sequence[Comment],
    survey_responses: Sequence[SurveyResponse],
    *,
    published_by: str,
    now: datetime,
) -> ConsultationReport:
    """Publish the report of a closed consultation whose every comment has an answer."""
    if any(c.consultation_id != consultation.id for c in comments):
        raise ValueError("a comment of another consultation was passed")
    # The report may be asked for before the scheduler closed a consultation that is due.
    consultation.close_if_due(now)
    _ensure_closed(consultation)
    _ensure_all_answered(comments)
    report = _assemble(consultation, comments, survey_responses, published_by, now)
    consultation.mark_report_published(now)
    consultation.events.append(_published_event(report))
    return report


def _ensure_closed(consultation: Consultation) -> None:
    messages = {
        ConsultationState.DRAFT: Text(
            "Konsultacje nie zostały jeszcze otwarte.", "The consultation was never opened."
        ),
        ConsultationState.OPEN: Text(
            "Konsultacje jeszcze trwają; raport można opublikować po ich zakończeniu.",
            "The consultation is still running; publish the report after it ends.",
        ),
        ConsultationState.REPORT_PUBLISHED: Text(
            "Raport z tych konsultacji został już opublikowany.",
            "The report of this consultation is already published.",
        ),
    }
    message = messages.get(consultation.state)
    if message is not None:
        reason = f"consultation-{consultation.state.value.replace('_', '-')}"
        raise Conflict(detail=message, extra={"reason": reason})


def _ensure_all_answered(comments: Sequence[Comment]) -> None:
    unanswered = sum(1 for c in comments if not c.is_answered)
    if unanswered:
        raise Conflict(
            detail=Text(
                f"Nie wszystkie uwagi mają odpowiedź (bez odpowiedzi: {unanswered}).",
                f"Not every comment has an answer ({unanswered} unanswered).",
            ),
            extra={"reason": "comments-unanswered", "unanswered": unanswered},
        )


def _assemble(
    consultation: Consultation,
    comments: Sequence[Comment],
    survey_responses: Sequence[SurveyResponse],
    published_by: str,
    now: datetime,
) -> ConsultationReport:
    terms = consultation.terms
    ordered = sorted(comments, key=lambda c: (c.section_number, c.submitted_at))
    return ConsultationReport(
        consultation_id=consultation.id,
        tenant_id=consultation.tenant_id,
        title=terms.title,
        kind=terms.kind,
        starts_at=terms.starts_at,
        ends_at=terms.ends_at,
        meetings=terms.forms.meetings,
        entries=tuple(_entry(consultation, c) for c in ordered),
        participation=_participation(comments, survey_responses),
        survey=tally_survey(terms.forms.survey, survey_responses),
        published_by=published_by,
        published_at=now,
    )


def _entry(consultation: Consultation, comment: Comment) -> ReportEntry:
    answer = comment.answer
    if answer is None:
        raise ValueError("only answered comments enter the report")
    section = consultation.terms.document.section(comment.section_number)
    return ReportEntry(
        comment_id=comment.id,
        section_number=comment.section_number,
        section_title=section.title if section else None,
        participant_kind=comment.author.kind,
        organization_id=comment.author.organization_id,
        current_wording=comment.current_wording,
        proposed_wording=comment.proposed_wording,
        justification=comment.justification,
        verdict=answer.verdict,
        answer_justification=answer.justification,
    )


def _participation(
    comments: Sequence[Comment], survey_responses: Sequence[SurveyResponse]
) -> ParticipationFigures:
    people: list[Participant] = [c.author for c in comments]
    people += [r.respondent for r in survey_responses]
    by_kind = Counter(c.author.kind for c in comments)
    verdicts = Counter(c.answer.verdict for c in comments if c.answer is not None)
    return ParticipationFigures(
        comments=len(comments),
        comments_by_kind={kind: by_kind.get(kind, 0) for kind in ParticipantKind},
        organizations=len({p.organization_id for p in people if p.organization_id}),
        residents=len({p.subject for p in people if p.kind is ParticipantKind.RESIDENT}),
        accepted=verdicts.get(Verdict.ACCEPTED, 0),
        partly_accepted=verdicts.get(Verdict.PARTLY_ACCEPTED, 0),
        rejected=verdicts.get(Verdict.REJECTED, 0),
        survey_responses=len(survey_responses),
    )


def _published_event(report: ConsultationReport) -> ConsultationReportPublished:
    figures = report.participation
    return ConsultationReportPublished(
        consultation_id=report.consultation_id,
        title=report.title,
        kind=report.kind.value,
        comments=figures.comments,
        accepted=figures.accepted,
        partly_accepted=figures.partly_accepted,
        rejected=figures.rejected,
        organizations=figures.organizations,
        residents=figures.residents,
        survey_responses=figures.survey_responses,
        published_by=report.published_by,
        published_at=report.published_at,
    )
