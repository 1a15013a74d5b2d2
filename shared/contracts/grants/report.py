"""Events of agreement reports (sprawozdanie)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.grants._common import PLN, REPORT_TOPIC

__all__ = ["ReportAccepted", "ReportDrafted", "ReportReturned", "ReportRevised", "ReportSubmitted"]


class _ReportEvent(EventContract):
    """A report event, keyed by the report."""

    topic = REPORT_TOPIC
    key_field = "report_id"

    report_id: str = Field(description="Platform id of the report.")
    agreement_id: str = Field(description="The agreement reported on.")
    organization_id: str = Field(description="The reporting organization.")


# Reports (sprawozdanie) --------------------------------------------------------------------


class ReportDrafted(_ReportEvent):
    """An organization started a report; its contents stay private (staff only)."""

    event_type = "pl.ngo.grants.report.drafted"

    obligation: str = Field(description="Which report: final, or partial-<n>.")
    drafted_by: str = Field(description="Subject (user id) of the NGO member.")
    drafted_at: datetime = Field(description="When the draft was created.")


class ReportRevised(_ReportEvent):
    """An organization changed its draft or returned report; contents stay private (staff only)."""

    event_type = "pl.ngo.grants.report.revised"

    revised_by: str = Field(description="Subject (user id) of the NGO member.")
    revised_at: datetime = Field(description="When the report was changed.")


class ReportSubmitted(_ReportEvent):
    """An organization handed in a partial or final report (staff only)."""

    event_type = "pl.ngo.grants.report.submitted"

    obligation: str = Field(description="Which report: final, or partial-<n>.")
    report_kind: str = Field(description="partial or final.")
    grant_spent: Decimal = Field(description=f"Grant spent in the period reported, {PLN}.")
    submitted_by: str = Field(description="Subject (user id) of the NGO member.")
    submitted_at: datetime = Field(description="When it was handed in.")


class ReportAccepted(_ReportEvent):
    """The officer accepted a report (staff and the NGO)."""

    event_type = "pl.ngo.grants.report.accepted"

    report_kind: str = Field(description="partial or final.")
    accepted_by: str = Field(description="Subject (user id) of the officer.")
    accepted_at: datetime = Field(description="When it was accepted.")


class ReportReturned(_ReportEvent):
    """The officer returned a report with remarks for correction (staff and the NGO)."""

    event_type = "pl.ngo.grants.report.returned"

    report_kind: str = Field(description="partial or final.")
    remarks: str = Field(description="What the organization must correct.")
    returned_by: str = Field(description="Subject (user id) of the officer.")
    returned_at: datetime = Field(description="When it was returned.")
