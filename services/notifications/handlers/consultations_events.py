"""The consultations service's events: the consultation board, its notices and timers."""

from __future__ import annotations

from services.notifications.domain.projections import BoardStatus, ConsultationInfo
from services.notifications.handlers.feed import origin_of
from services.notifications.services.reactions import Reactions
from shared.contracts import consultations as cons
from shared.events import ReceivedEvent
from shared.handlers import HandlerTable
from shared.outbox import Transaction
from shared.tenancy import TenantContext

__all__ = ["EVENT_HANDLERS"]


async def consultation_opened(
    data: cons.ConsultationOpened,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Put the consultation on the board, announce it, and time its closing reminder."""
    origin = origin_of(envelope)
    info = ConsultationInfo(
        data.consultation_id,
        origin.tenant_id,
        data.title,
        data.ends_at,
        BoardStatus.OPEN,
        data.opened_at,
    )
    await deps.stores.consultations.save(info, transaction.session)
    await deps.deliver(deps.writer.consultation_opened(origin, data), transaction)
    await deps.remind(
        deps.writer.consultation_closing(origin, info),
        subject_id=data.consultation_id,
        deadline=data.ends_at,
        before=deps.timing.consultation,
        known_at=data.opened_at,
        transaction=transaction,
    )


async def consultation_closed(
    data: cons.ConsultationClosed,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Mark the consultation closed, drop its timer, and tell its audience."""
    origin = origin_of(envelope)
    tenant = TenantContext(origin.tenant_id)
    await deps.stores.consultations.set_status(
        tenant, data.consultation_id, BoardStatus.CLOSED, transaction.session
    )
    await deps.cancel_timers(origin.tenant_id, data.consultation_id, transaction)
    await deps.deliver(deps.writer.consultation_closed(origin, data), transaction)


async def comment_submitted(
    data: cons.CommentSubmitted, envelope: ReceivedEvent, transaction: Transaction, deps: Reactions
) -> None:
    """Tell the municipality a comment came in."""
    origin = origin_of(envelope)
    consultation = await deps.stores.consultations.get(
        TenantContext(origin.tenant_id), data.consultation_id, transaction.session
    )
    await deps.deliver(deps.writer.comment_submitted(origin, data, consultation), transaction)


async def consultation_report(
    data: cons.ConsultationReportPublished,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Tell the audience the consultation's report is out."""
    origin = origin_of(envelope)
    await deps.deliver(deps.writer.consultation_report(origin, data), transaction)


async def index_published(
    data: cons.IndexRoundPublished,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Tell the audience a cooperation index round is out."""
    origin = origin_of(envelope)
    await deps.deliver(deps.writer.index_published(origin, data), transaction)


EVENT_HANDLERS: HandlerTable[Reactions] = {
    cons.ConsultationOpened: consultation_opened,
    cons.ConsultationClosed: consultation_closed,
    cons.CommentSubmitted: comment_submitted,
    cons.ConsultationReportPublished: consultation_report,
    cons.IndexRoundPublished: index_published,
}
