"""The grants service's events: the competition board, its notices, and report timers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from services.notifications.domain.notice import Notice
from services.notifications.domain.projections import BoardStatus, CompetitionInfo, Origin
from services.notifications.domain.reminders import local_start
from services.notifications.handlers.feed import origin_of
from services.notifications.services.reactions import Reactions
from shared.contracts import grants
from shared.events import ReceivedEvent
from shared.handlers import HandlerTable
from shared.outbox import Transaction

__all__ = ["EVENT_HANDLERS"]


async def competition_announced(
    data: grants.CompetitionAnnounced,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Put the competition on the board, announce it, and time its closing reminder."""
    origin = origin_of(envelope)
    info = CompetitionInfo(
        data.competition_id,
        origin.tenant_id,
        data.title,
        data.area,
        data.offer_deadline,
        BoardStatus.OPEN,
        data.announced_at,
        f"{data.total_funds:.2f}",
    )
    await deps.stores.competitions.save(info, transaction.session)
    await deps.deliver(deps.writer.competition_announced(origin, data), transaction)
    await deps.remind(
        deps.writer.competition_closing(origin, info),
        subject_id=data.competition_id,
        deadline=data.offer_deadline,
        before=deps.timing.competition,
        known_at=data.announced_at,
        transaction=transaction,
    )


async def competition_closed(
    data: grants.CompetitionClosed,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Mark the competition closed."""
    await deps.end_competition(
        envelope.tenant_id, data.competition_id, BoardStatus.CLOSED, transaction
    )


async def competition_cancelled(
    data: grants.CompetitionCancelled,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Mark the competition cancelled and tell its audience."""
    origin = origin_of(envelope)
    competition = await deps.competition(origin.tenant_id, data.competition_id, transaction)
    await deps.end_competition(
        origin.tenant_id, data.competition_id, BoardStatus.CANCELLED, transaction
    )
    notice = deps.writer.competition_cancelled(origin, data, competition)
    await deps.deliver(notice, transaction)


async def competition_results(
    data: grants.CompetitionResultsPublished,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Mark the competition resolved and tell its audience the results."""
    origin = origin_of(envelope)
    competition = await deps.competition(origin.tenant_id, data.competition_id, transaction)
    await deps.end_competition(
        origin.tenant_id, data.competition_id, BoardStatus.RESOLVED, transaction
    )
    await deps.deliver(deps.writer.competition_results(origin, data, competition), transaction)


async def offer_submitted(
    data: grants.OfferSubmitted, envelope: ReceivedEvent, transaction: Transaction, deps: Reactions
) -> None:
    """Tell the municipality an offer came in."""
    origin = origin_of(envelope)
    competition = await deps.competition(origin.tenant_id, data.competition_id, transaction)
    await deps.deliver(deps.writer.offer_submitted(origin, data, competition), transaction)


async def agreement_signed(
    data: grants.AgreementSigned, envelope: ReceivedEvent, transaction: Transaction, deps: Reactions
) -> None:
    """Time the final report's due and overdue reminders."""
    origin = origin_of(envelope)
    zone = deps.timing.zone
    due = local_start(data.final_report_due, zone)
    overdue = local_start(data.final_report_due + timedelta(days=1), zone)
    facts = {
        "agreement_id": data.agreement_id,
        "organization_id": data.organization_id,
        "obligation": "final",
    }
    await deps.remind(
        deps.writer.report_due(origin, due=due, **facts),
        subject_id=data.agreement_id,
        deadline=due,
        before=deps.timing.report,
        known_at=data.signed_at,
        transaction=transaction,
    )
    await deps.remind(
        deps.writer.report_overdue(origin, due=due, **facts),
        subject_id=data.agreement_id,
        deadline=overdue,
        before=timedelta(0),
        known_at=data.signed_at,
        transaction=transaction,
    )


async def agreement_settled(
    data: grants.AgreementSettled,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Drop the agreement's report timers."""
    await deps.cancel_timers(envelope.tenant_id, data.agreement_id, transaction)


async def report_due(
    data: grants.AgreementReportDue,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Tell the organization a report is due (the grants service's own warning)."""
    origin = origin_of(envelope)
    await deps.deliver(_report_notice(deps.writer.report_due, data, origin, deps), transaction)


async def report_overdue(
    data: grants.AgreementReportOverdue,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Tell the organization and the municipality a report is overdue."""
    origin = origin_of(envelope)
    notice = _report_notice(deps.writer.report_overdue, data, origin, deps)
    await deps.deliver(notice, transaction)


def _report_notice(
    write: Callable[..., Notice],
    data: grants.AgreementReportDue | grants.AgreementReportOverdue,
    origin: Origin,
    deps: Reactions,
) -> Notice:
    return write(
        origin,
        agreement_id=data.agreement_id,
        organization_id=data.organization_id,
        obligation=data.obligation,
        due=local_start(data.due_date, deps.timing.zone),
    )


async def report_submitted(
    data: grants.ReportSubmitted, envelope: ReceivedEvent, transaction: Transaction, deps: Reactions
) -> None:
    """Drop the timers once the final report is in, and tell the municipality."""
    origin = origin_of(envelope)
    if data.report_kind == "final":
        await deps.cancel_timers(origin.tenant_id, data.agreement_id, transaction)
    await deps.deliver(deps.writer.report_submitted(origin, data), transaction)


EVENT_HANDLERS: HandlerTable[Reactions] = {
    grants.CompetitionAnnounced: competition_announced,
    grants.CompetitionClosed: competition_closed,
    grants.CompetitionCancelled: competition_cancelled,
    grants.CompetitionResultsPublished: competition_results,
    grants.OfferSubmitted: offer_submitted,
    grants.AgreementSigned: agreement_signed,
    grants.AgreementSettled: agreement_settled,
    grants.AgreementReportDue: report_due,
    grants.AgreementReportOverdue: report_overdue,
    grants.ReportSubmitted: report_submitted,
}
