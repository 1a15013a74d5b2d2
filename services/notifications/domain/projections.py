"""What this service keeps of other services' aggregates (read models built from events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = ["BoardStatus", "CompetitionInfo", "ConsultationInfo", "OrganizationInfo", "Origin"]


class BoardStatus(StrEnum):
    """Where a competition or consultation stands."""

    OPEN = "open"
    CLOSED = "closed"
    RESOLVED = "resolved"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Origin:
    """The event a notice comes from."""

    tenant_id: str
    event_id: str
    event_type: str
    occurred_at: datetime


@dataclass(frozen=True)
class OrganizationInfo:
    """An organization as a municipality knows it: name and areas of work."""

    organization_id: str
    tenant_id: str
    name: str
    areas: frozenset[str]


@dataclass(frozen=True)
class CompetitionInfo:
    """A competition announced in a municipality."""

    competition_id: str
    tenant_id: str
    title: str
    area: str
    offer_deadline: datetime
    status: BoardStatus
    announced_at: datetime
    total_funds: str = ""


@dataclass(frozen=True)
class ConsultationInfo:
    """A consultation opened in a municipality."""

    consultation_id: str
    tenant_id: str
    title: str
    ends_at: datetime
    status: BoardStatus
    opened_at: datetime
