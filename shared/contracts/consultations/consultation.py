"""Events of consultations: drafted, revised, opened and closed."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.consultations._common import CONSULTATION_TOPIC, KINDS

__all__ = ["ConsultationClosed", "ConsultationDrafted", "ConsultationOpened", "ConsultationRevised"]


class ConsultationDrafted(EventContract):
    """An officer drafted a consultation; drafts are not public (staff only)."""

    event_type = "pl.ngo.consultations.consultation.drafted"
    topic = CONSULTATION_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Platform id of the consultation.")
    title: str = Field(description="Working title of the consultation.")
    kind: str = Field(description=f"Kind of the consulted document: {KINDS}.")
    starts_at: datetime = Field(description="Planned start of the consultation (UTC).")
    ends_at: datetime = Field(description="Planned end of the consultation (UTC).")
    warnings: list[str] = Field(
        default_factory=list, description="Codes of the timetable warnings the officer was shown."
    )
    drafted_by: str = Field(description="Subject (user id) of the officer who drafted it.")
    drafted_at: datetime = Field(description="When the draft was created (UTC).")


class ConsultationRevised(EventContract):
    """An officer changed the terms of a draft consultation (staff only)."""

    event_type = "pl.ngo.consultations.consultation.revised"
    topic = CONSULTATION_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Platform id of the consultation.")
    title: str = Field(description="Working title after the change.")
    kind: str = Field(description=f"Kind of the consulted document: {KINDS}.")
    starts_at: datetime = Field(description="Planned start after the change (UTC).")
    ends_at: datetime = Field(description="Planned end after the change (UTC).")
    warnings: list[str] = Field(
        default_factory=list, description="Codes of the timetable warnings the officer was shown."
    )
    revised_by: str = Field(description="Subject (user id) of the officer.")
    revised_at: datetime = Field(description="When the draft was changed (UTC).")


class ConsultationOpened(EventContract):
    """A municipality opened a social consultation of a document."""

    event_type = "pl.ngo.consultations.consultation.opened"
    topic = CONSULTATION_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Platform id of the consultation.")
    title: str = Field(description="Title of the consultation.")
    kind: str = Field(description=f"Kind of the consulted document: {KINDS}.")
    programme_year: int | None = Field(
        None, description="Year a consulted cooperation programme is for (its first year)."
    )
    audiences: list[str] = Field(
        description="Who may take part: ngos, residents, public_benefit_council."
    )
    written_comments: bool = Field(description="Whether written comments on sections are taken.")
    survey: bool = Field(description="Whether the consultation has a survey.")
    meetings: int = Field(description="Number of consultation meetings planned.")
    starts_at: datetime = Field(description="When comments start being accepted (UTC).")
    ends_at: datetime = Field(description="When comments stop being accepted (UTC).")
    opened_by: str = Field(description="Subject (user id) of the officer who opened it.")
    opened_at: datetime = Field(description="When it was opened (UTC).")


class ConsultationClosed(EventContract):
    """A consultation reached its end and stopped accepting comments."""

    event_type = "pl.ngo.consultations.consultation.closed"
    topic = CONSULTATION_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Platform id of the consultation.")
    title: str = Field(description="Title of the consultation.")
    ends_at: datetime = Field(description="The announced end of the consultation (UTC).")
    closed_at: datetime = Field(description="When the platform closed it (UTC).")
