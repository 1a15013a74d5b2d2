"""What monitoring learns from other services' events, reduced to the facts it counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from services.consultations.domain.consultation.comment import Verdict

__all__ = [
    "AnsweredComment",
    "GrantedOffer",
    "MonitoringInput",
    "OpenedConsultation",
    "RegisteredOrganization",
    "SubmittedComment",
    "SubmittedOffer",
    "SubmittedReport",
    "SubmittedSurveyResponse",
]

# Every input carries the id of the event it came from (the CloudEvents `id`), so applying
# a redelivered event is recognised; `occurred_at` is when the fact happened, not when received.


@dataclass(frozen=True)
class RegisteredOrganization:
    """An organization joined a municipality's registry."""

    event_id: str
    tenant_id: str
    organization_id: str
    name: str
    occurred_at: datetime


@dataclass(frozen=True)
class OpenedConsultation:
    """A municipality opened a consultation."""

    event_id: str
    tenant_id: str
    consultation_id: str
    occurred_at: datetime


@dataclass(frozen=True)
class SubmittedComment:
    """Someone commented in a consultation; no organization for residents and others."""

    event_id: str
    tenant_id: str
    consultation_id: str
    comment_id: str
    organization_id: str | None
    occurred_at: datetime


@dataclass(frozen=True)
class AnsweredComment:
    """The municipality answered a comment; it counts in the year the comment was made."""

    event_id: str
    tenant_id: str
    consultation_id: str
    comment_id: str
    organization_id: str | None
    verdict: Verdict
    comment_submitted_at: datetime
    occurred_at: datetime


@dataclass(frozen=True)
class SubmittedSurveyResponse:
    """Someone answered a consultation's survey."""

    event_id: str
    tenant_id: str
    consultation_id: str
    response_id: str
    organization_id: str | None
    occurred_at: datetime


@dataclass(frozen=True)
class SubmittedOffer:
    """An organization submitted an offer in an open competition."""

    event_id: str
    tenant_id: str
    organization_id: str
    offer_id: str
    occurred_at: datetime


@dataclass(frozen=True)
class GrantedOffer:
    """An offer was granted funds; a later grant of the same offer replaces the amount."""

    event_id: str
    tenant_id: str
    organization_id: str
    offer_id: str
    amount: Decimal
    occurred_at: datetime


@dataclass(frozen=True)
class SubmittedReport:
    """An organization submitted a report on a public task, on time or late."""

    event_id: str
    tenant_id: str
    organization_id: str
    report_id: str
    on_time: bool
    occurred_at: datetime


MonitoringInput = (
    RegisteredOrganization
    | OpenedConsultation
    | SubmittedComment
    | AnsweredComment
    | SubmittedSurveyResponse
    | SubmittedOffer
    | GrantedOffer
    | SubmittedReport
)
