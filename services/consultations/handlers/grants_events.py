"""The grants service's events: offers, grants awarded, report due days and reports."""

from __future__ import annotations

from datetime import date, datetime, time

from services.consultations.domain.common.polish_time import POLISH_TIME
from services.consultations.domain.monitoring.inputs import GrantedOffer, SubmittedOffer
from services.consultations.services import MonitoringRecorder
from services.consultations.services.monitoring import SubmittedTaskReport
from shared.consumer import EventEffect
from shared.contracts.grants import (
    AGREEMENT_TOPIC,
    COMPETITION_TOPIC,
    OFFER_TOPIC,
    REPORT_TOPIC,
    SMALL_GRANT_TOPIC,
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
from shared.outbox import Transaction

__all__ = ["grants_effects"]

FINAL_REPORT = "final"


def _midday(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=POLISH_TIME)


def grants_effects(recorder: MonitoringRecorder) -> dict[str, dict[str, EventEffect]]:
    """Return the effect of each grants event type monitoring counts, by logical topic."""

    async def offer_submitted(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(OfferSubmitted)
        fact = SubmittedOffer(
            event.id, event.tenant_id, data.organization_id, data.offer_id, data.submitted_at
        )
        await recorder.record(transaction, fact)

    async def results_published(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(CompetitionResultsPublished)
        for line in data.results:
            # One event grants many offers: each fact gets an id of its own, stable on replay.
            fact = GrantedOffer(
                event_id=f"{event.id}/{line.offer_id}",
                tenant_id=event.tenant_id,
                organization_id=line.organization_id,
                offer_id=line.offer_id,
                amount=line.granted_amount,
                occurred_at=data.published_at,
            )
            await recorder.record(transaction, fact)

    async def small_grant_received(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(SmallGrantReceived)
        fact = SubmittedOffer(
            event.id,
            event.tenant_id,
            data.organization_id,
            data.small_grant_id,
            _midday(data.received_on),
        )
        await recorder.record(transaction, fact)

    async def small_grant_concluded(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(SmallGrantConcluded)
        fact = GrantedOffer(
            event_id=event.id,
            tenant_id=event.tenant_id,
            organization_id=data.organization_id,
            offer_id=data.small_grant_id,
            amount=data.amount,
            occurred_at=data.concluded_at,
        )
        await recorder.record(transaction, fact)

    async def agreement_signed(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(AgreementSigned)
        await recorder.report_due(
            transaction,
            tenant_id=event.tenant_id,
            agreement_id=data.agreement_id,
            organization_id=data.organization_id,
            obligation=FINAL_REPORT,
            due_on=data.final_report_due,
        )

    async def report_falls_due(transaction: Transaction, event: ReceivedEvent) -> None:
        overdue = event.type == AgreementReportOverdue.event_type
        data: AgreementReportDue | AgreementReportOverdue = (
            event.parse(AgreementReportOverdue) if overdue else event.parse(AgreementReportDue)
        )
        await recorder.report_due(
            transaction,
            tenant_id=event.tenant_id,
            agreement_id=data.agreement_id,
            organization_id=data.organization_id,
            obligation=data.obligation,
            due_on=data.due_date,
            overdue=overdue,
        )

    async def report_submitted(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(ReportSubmitted)
        report = SubmittedTaskReport(
            event_id=event.id,
            tenant_id=event.tenant_id,
            agreement_id=data.agreement_id,
            organization_id=data.organization_id,
            report_id=data.report_id,
            obligation=data.obligation,
            submitted_at=data.submitted_at,
        )
        await recorder.report_submitted(transaction, report)

    return {
        OFFER_TOPIC: {OfferSubmitted.event_type: offer_submitted},
        COMPETITION_TOPIC: {CompetitionResultsPublished.event_type: results_published},
        SMALL_GRANT_TOPIC: {
            SmallGrantReceived.event_type: small_grant_received,
            SmallGrantConcluded.event_type: small_grant_concluded,
        },
        AGREEMENT_TOPIC: {
            AgreementSigned.event_type: agreement_signed,
            AgreementReportDue.event_type: report_falls_due,
            AgreementReportOverdue.event_type: report_falls_due,
        },
        REPORT_TOPIC: {ReportSubmitted.event_type: report_submitted},
    }
