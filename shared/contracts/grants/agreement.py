"""Events of grant agreements (umowa)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.grants._common import AGREEMENT_TOPIC, PLN

__all__ = [
    "AgreementBudgetUpdated",
    "AgreementPrepared",
    "AgreementReportDue",
    "AgreementReportOverdue",
    "AgreementSettled",
    "AgreementSigned",
]


class _AgreementEvent(EventContract):
    """An agreement event, keyed by the agreement."""

    topic = AGREEMENT_TOPIC
    key_field = "agreement_id"

    agreement_id: str = Field(description="Platform id of the agreement.")
    organization_id: str = Field(description="The organization that carries out the task.")


# Agreements (umowa) ------------------------------------------------------------------------


class AgreementPrepared(_AgreementEvent):
    """An officer prepared an agreement for a granted offer or small grant (staff only)."""

    event_type = "pl.ngo.grants.agreement.prepared"

    competition_id: str | None = Field(None, description="Competition of the offer, if any.")
    offer_id: str | None = Field(None, description="The granted offer, if from a competition.")
    small_grant_id: str | None = Field(None, description="The small grant, if under art. 19a.")
    amount: Decimal = Field(description=f"Grant agreed, {PLN}.")
    task_start: date = Field(description="First day of the task.")
    task_end: date = Field(description="Last day of the task.")
    prepared_by: str = Field(description="Subject (user id) of the officer.")
    prepared_at: datetime = Field(description="When it was prepared.")


class AgreementBudgetUpdated(_AgreementEvent):
    """The budget was updated to a grant lower than requested, before signing (staff only)."""

    event_type = "pl.ngo.grants.agreement.budget_updated"

    amount: Decimal = Field(description=f"Grant agreed, {PLN}.")
    total_cost: Decimal = Field(description=f"Total cost of the task after the update, {PLN}.")
    updated_by: str = Field(description="Subject (user id) of the officer.")
    updated_at: datetime = Field(description="When the budget was updated.")


class AgreementSigned(_AgreementEvent):
    """Both parties signed the agreement (public data only)."""

    event_type = "pl.ngo.grants.agreement.signed"

    competition_id: str | None = Field(None, description="Competition of the offer, if any.")
    offer_id: str | None = Field(None, description="The granted offer, if from a competition.")
    small_grant_id: str | None = Field(None, description="The small grant, if under art. 19a.")
    amount: Decimal = Field(description=f"Grant agreed, {PLN}.")
    task_start: date = Field(description="First day of the task.")
    task_end: date = Field(description="Last day of the task.")
    final_report_due: date = Field(description="Last day to hand in the final report.")
    signed_at: datetime = Field(description="When it was signed.")


class AgreementReportDue(_AgreementEvent):
    """A report under the agreement falls due soon and is not in yet (staff and the NGO)."""

    event_type = "pl.ngo.grants.agreement.report_due"

    obligation: str = Field(description="Which report: final, or partial-<n>.")
    report_kind: str = Field(description="partial or final.")
    due_date: date = Field(description="Last day to hand the report in.")
    detected_on: date = Field(description="Day the reminder was raised.")


class AgreementReportOverdue(_AgreementEvent):
    """A report under the agreement is past its due date (staff and the NGO)."""

    event_type = "pl.ngo.grants.agreement.report_overdue"

    obligation: str = Field(description="Which report: final, or partial-<n>.")
    report_kind: str = Field(description="partial or final.")
    due_date: date = Field(description="Last day it should have been handed in.")
    detected_on: date = Field(description="Day the lateness was detected.")


class AgreementSettled(_AgreementEvent):
    """The final report was accepted: the task is settled (public data only)."""

    event_type = "pl.ngo.grants.agreement.settled"

    final_report_id: str = Field(description="The accepted final report.")
    settled_at: datetime = Field(description="When the task was settled.")
