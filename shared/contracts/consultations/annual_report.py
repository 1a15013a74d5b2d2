"""Events of the annual report on the cooperation programme."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.consultations._common import ANNUAL_REPORT_TOPIC

__all__ = ["AnnualReportAssembled", "AnnualReportSectionWritten"]


class AnnualReportAssembled(EventContract):
    """The draft report on a year's cooperation programme was (re)assembled from the figures."""

    event_type = "pl.ngo.consultations.annual_report.assembled"
    topic = ANNUAL_REPORT_TOPIC
    key_field = "annual_report_id"

    annual_report_id: str = Field(description="Id of the report: <tenant id>-<programme year>.")
    programme_year: int = Field(description="Year of the cooperation programme reported on.")
    due_on: date = Field(description="Day by which the report must be published (art. 5a(3)).")
    active_organizations: int = Field(description="Organizations active in cooperation.")
    missing_sections: list[str] = Field(description="Sections still without the officer's text.")
    assembled_by: str = Field(description="Subject (user id) of the officer.")
    assembled_at: datetime = Field(description="When the figures were assembled (UTC).")


class AnnualReportSectionWritten(EventContract):
    """An officer wrote a section of the draft report on a year's cooperation programme."""

    event_type = "pl.ngo.consultations.annual_report.section_written"
    topic = ANNUAL_REPORT_TOPIC
    key_field = "annual_report_id"

    annual_report_id: str = Field(description="Id of the report: <tenant id>-<programme year>.")
    programme_year: int = Field(description="Year of the cooperation programme reported on.")
    section: str = Field(description="Key of the section written.")
    missing_sections: list[str] = Field(description="Sections still without the officer's text.")
    written_by: str = Field(description="Subject (user id) of the officer.")
    written_at: datetime = Field(description="When it was written (UTC).")
