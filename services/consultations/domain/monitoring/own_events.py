"""Monitoring facts in this service's own events, counted as the events are raised."""

from __future__ import annotations

from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.monitoring.inputs import (
    AnsweredComment,
    MonitoringInput,
    OpenedConsultation,
    SubmittedComment,
    SubmittedSurveyResponse,
)
from shared.contracts.base import EventContract
from shared.contracts.consultations import (
    CommentAnswered,
    CommentSubmitted,
    ConsultationOpened,
    SurveyResponseSubmitted,
)

__all__ = ["facts_of"]


def facts_of(event: EventContract, *, event_id: str, tenant_id: str) -> list[MonitoringInput]:
    """Return what monitoring counts in one consultations event (nothing for most)."""
    match event:
        case ConsultationOpened():
            return [OpenedConsultation(event_id, tenant_id, event.consultation_id, event.opened_at)]
        case CommentSubmitted():
            return [
                SubmittedComment(
                    event_id=event_id,
                    tenant_id=tenant_id,
                    consultation_id=event.consultation_id,
                    comment_id=event.comment_id,
                    organization_id=event.organization_id,
                    occurred_at=event.submitted_at,
                )
            ]
        case CommentAnswered():
            return [
                AnsweredComment(
                    event_id=event_id,
                    tenant_id=tenant_id,
                    consultation_id=event.consultation_id,
                    comment_id=event.comment_id,
                    organization_id=event.organization_id,
                    verdict=Verdict(event.verdict),
                    comment_submitted_at=event.comment_submitted_at,
                    occurred_at=event.answered_at,
                )
            ]
        case SurveyResponseSubmitted():
            return [
                SubmittedSurveyResponse(
                    event_id=event_id,
                    tenant_id=tenant_id,
                    consultation_id=event.consultation_id,
                    response_id=event.response_id,
                    organization_id=event.organization_id,
                    occurred_at=event.submitted_at,
                )
            ]
    return []
