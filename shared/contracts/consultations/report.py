"""The event of a published consultation report."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.consultations._common import KINDS, REPORT_TOPIC

__all__ = ["ConsultationReportPublished"]


class ConsultationReportPublished(EventContract):
    """The report of a consultation, every comment answered, was published."""

    event_type = "pl.ngo.consultations.report.published"
    topic = REPORT_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Consultation the report is about (one report each).")
    title: str = Field(description="Title of the consultation.")
    kind: str = Field(description=f"Kind of the consulted document: {KINDS}.")
    comments: int = Field(description="Number of comments received.")
    accepted: int = Field(description="Comments accepted.")
    partly_accepted: int = Field(description="Comments partly accepted.")
    rejected: int = Field(description="Comments rejected.")
    organizations: int = Field(description="Distinct organizations that took part.")
    residents: int = Field(description="Distinct residents that took part.")
    survey_responses: int = Field(description="Number of survey responses.")
    published_by: str = Field(description="Subject (user id) of the publishing officer.")
    published_at: datetime = Field(description="When it was published (UTC).")
