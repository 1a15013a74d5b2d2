"""The grants service's events: offers, grants awarded, report due days and reports."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from services.consultations.domain.common.polish_time import POLISH_TIME
from services.consultations.domain.monitoring.inputs import GrantedOffer, SubmittedOffer
from services.consultations.handlers.deps import EventDeps
from services.consultations.services.monitoring import SubmittedTaskReport
from shared.contracts.base import EventContract
from shared.contracts.grants import (
    AgreementReportDue,
    AgreementReportOverdue,
    AgreementSigned,
    CompetitionResultsPublished,
    OfferSubmitted,
    ReportSubmitted,
    SmallGrantConcluded,
    SmallGrantReceived,
)
from shared.events import ReceivedEvent
from shared.handlers import Handler
from shared.outbox import Transaction

__all__ = [
    "EVENT_HANDLERS",
    "agreement_signed",
    "offer_submitted",
    "report_due",
    "report_overdue",
    "report_submitted",
    "results_published",
    "small_grant_concluded",
    "small_grant_received",
]

FINAL_REPORT = "final"


def _midday(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=POLISH_TIME)


async def offer_submitted(
    event: OfferSubmitted, envelope: ReceivedEvent, transaction: Transaction, deps: EventDeps
) -> None:
    """Count an offer an organization submitted in a competition."""
    fact = SubmittedOffer(
        envelope.id, envelope.tenant_id, event.organization_id, event.offer_id, event.submitted_at
    )
    await deps.recorder.record(transaction, fact)


async def results_published(
    event: CompetitionResultsPublished,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: EventDeps,
) -> None:
    """Count every offer a competition's results grant, with its amount."""
    for line in event.results:
        # One event grants many offers: each fact gets an id of its own, stable on replay.
        fact = GrantedOffer(
            event_id=f"{envelope.id}/{line.offer_id}",
            tenant_id=envelope.tenant_id,
            organization_id=line.organization_id,
            offer_id=line.offer_id,
            amount=line.granted_amount,
            occurred_at=event.published_at,
        )
        await deps.recorder.record(transaction, fact)


async def small_grant_received(
    event: SmallGrantReceived, envelope: ReceivedEvent, transaction: Transaction, deps: EventDeps
) -> None:
    """Count a small-grant offer as submitted, at midday of the day it was received."""
    fact = SubmittedOffer(
        envelope.id,
        envelope.tenant_id,
        event.organization_id,
        event.small_grant_id,
        _midday(event.received_on),
    )
    await deps.recorder.record(transaction, fact)


async def small_grant_concluded(
    event: SmallGrantConcluded, envelope: ReceivedEvent, transaction: Transaction, deps: EventDeps
) -> None:
    """Count a small grant concluded as an offer granted."""
    fact = GrantedOffer(
        event_id=envelope.id,
        tenant_id=envelope.tenant_id,
        organization_id=event.organization_id,
        offer_id=event.small_grant_id,
        amount=event.amount,
        occurred_at=event.concluded_at,
    )
    await deps.recorder.record(transaction, fact)


async def agreement_signed(
    event: AgreementSigned, envelope: ReceivedEvent, transaction: Transaction, deps: EventDeps
) -> None:
    """Remember when the final report under a signed agreement is due."""
    await deps.recorder.report_due(
        transaction,
        tenant_id=envelope.tenant_id,
        agreement_id=event.agreement_id,
        organization_id=event.organization_id,
        obligation=FINAL_REPORT,
        due_on=event.final_report_due,
    )


async def report_due(
    event: AgreementReportDue, envelope: ReceivedEvent, transaction: Transaction, deps: EventDeps
) -> None:
    """Remember a report's due day as grants announced it."""
    await _falls_due(event, envelope, transaction, deps, overdue=False)


async def report_overdue(
    event: AgreementReportOverdue,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: EventDeps,
) -> None:
    """Remember that grants declared a report overdue."""
    await _falls_due(event, envelope, transaction, deps, overdue=True)


async def _falls_due(
    event: AgreementReportDue | AgreementReportOverdue,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: EventDeps,
    *,
    overdue: bool,
) -> None:
    await deps.recorder.report_due(
        transaction,
        tenant_id=envelope.tenant_id,
        agreement_id=event.agreement_id,
        organization_id=event.organization_id,
        obligation=event.obligation,
        due_on=event.due_date,
        overdue=overdue,
    )


async def report_submitted(
    event: ReportSubmitted, envelope: ReceivedEvent, transaction: Transaction, deps: EventDeps
) -> None:
    """Count a report handed in, on time or late against its announced due day."""
    report = SubmittedTaskReport(
        event_id=envelope.id,
        tenant_id=envelope.tenant_id,
        agreement_id=event.agreement_id,
        organization_id=event.organization_id,
        report_id=event.report_id,
        obligation=event.obligation,
        submitted_at=event.submitted_at,
    )
    await deps.recorder.report_submitted(transaction, report)


EVENT_HANDLERS: dict[type[EventContract], Handler[Any, EventDeps]] = {
    OfferSubmitted: offer_submitted,
    CompetitionResultsPublished: results_published,
    SmallGrantReceived: small_grant_received,
    SmallGrantConcluded: small_grant_concluded,
    AgreementSigned: agreement_signed,
    AgreementReportDue: report_due,
    AgreementReportOverdue: report_overdue,
    ReportSubmitted: report_submitted,
}
