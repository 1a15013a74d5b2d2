"""What each consumed event does here: read models, notices, timers and webhook deliveries."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.notice import Notice
from services.notifications.domain.notices import NoticeWriter
from services.notifications.domain.projections import (
    BoardStatus,
    CompetitionInfo,
    ConsultationInfo,
    OrganizationInfo,
    Origin,
)
from services.notifications.domain.reminders import local_start, schedule
from services.notifications.repository import (
    CompetitionBoard,
    ConsultationBoard,
    OrganizationDirectory,
    ReminderBook,
    TenantNames,
)
from services.notifications.services.fanout import Fanout
from services.notifications.services.webhooks import WebhookFeed
from shared.contracts import consultations as cons
from shared.contracts import grants
from shared.contracts import registry as reg
from shared.events import ReceivedEvent
from shared.outbox import Transaction
from shared.tenancy import TenantContext

__all__ = ["EventReactions", "ReminderTiming"]

Session = AsyncClientSession
Reaction = Callable[[ReceivedEvent, Origin, Session], Awaitable[None]]


@dataclass(frozen=True)
class ReminderTiming:
    """How long before a deadline each reminder fires."""

    competition: timedelta
    consultation: timedelta
    report: timedelta
    zone: ZoneInfo


@dataclass(frozen=True)
class Stores:
    """The read models and timers reactions keep."""

    organizations: OrganizationDirectory
    competitions: CompetitionBoard
    consultations: ConsultationBoard
    tenants: TenantNames
    reminders: ReminderBook


class EventReactions:
    """Applies one consumed event inside the consumer's transaction."""

    def __init__(
        self,
        *,
        writer: NoticeWriter,
        fanout: Fanout,
        feed: WebhookFeed,
        stores: Stores,
        timing: ReminderTiming,
    ) -> None:
        self._write = writer
        self._fanout = fanout
        self._feed = feed
        self._stores = stores
        self._timing = timing
        self._reactions: dict[str, Reaction] = {
            reg.OrganizationRegistered.event_type: self._organization_registered,
            reg.OrganizationUpdated.event_type: self._organization_updated,
            reg.OrganizationListed.event_type: self._organization_listed,
            reg.TenantOnboarded.event_type: self._tenant_onboarded,
            reg.TenantUpdated.event_type: self._tenant_updated,
            grants.CompetitionAnnounced.event_type: self._competition_announced,
            grants.CompetitionClosed.event_type: self._competition_closed,
            grants.CompetitionCancelled.event_type: self._competition_cancelled,
            grants.CompetitionResultsPublished.event_type: self._competition_results,
            grants.OfferSubmitted.event_type: self._offer_submitted,
            grants.AgreementSigned.event_type: self._agreement_signed,
            grants.AgreementSettled.event_type: self._agreement_settled,
            grants.AgreementReportDue.event_type: self._report_due,
            grants.AgreementReportOverdue.event_type: self._report_overdue,
            grants.ReportSubmitted.event_type: self._report_submitted,
            cons.ConsultationOpened.event_type: self._consultation_opened,
            cons.ConsultationClosed.event_type: self._consultation_closed,
            cons.CommentSubmitted.event_type: self._comment_submitted,
            cons.ConsultationReportPublished.event_type: self._consultation_report,
            cons.IndexRoundPublished.event_type: self._index_published,
        }

    @property
    def event_types(self) -> frozenset[str]:
        """Return the event types that do more here than feed webhooks."""
        return frozenset(self._reactions)

    async def react(self, transaction: Transaction, event: ReceivedEvent) -> None:
        """Apply the event: its own reaction, then the webhook deliveries it makes."""
        origin = Origin(event.tenant_id, event.id, event.type, event.time)
        reaction = self._reactions.get(event.type)
        if reaction is not None:
            await reaction(event, origin, transaction.session)
        await self._feed.enqueue(event, transaction.session)

    async def _remind(
        self,
        notice: Notice,
        *,
        subject_id: str,
        deadline: datetime,
        before: timedelta,
        known_at: datetime,
        session: Session,
    ) -> None:
        """Set a timer for the notice `before` the deadline, unless it needs none."""
        reminder = schedule(
            notice, subject_id=subject_id, deadline=deadline, before=before, known_at=known_at
        )
        if reminder:
            await self._stores.reminders.set(reminder, session)

    # Registry -----------------------------------------------------------------------------

    async def _organization_registered(
        self, event: ReceivedEvent, origin: Origin, s: Session
    ) -> None:
        data = event.parse(reg.OrganizationRegistered)
        areas = data.profile.public_benefit_areas if data.profile else []
        await self._stores.organizations.save(
            OrganizationInfo(data.organization_id, event.tenant_id, data.name, frozenset(areas)), s
        )
        await self._fanout.deliver(self._write.organization_registered(origin, data), s)

    async def _organization_updated(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(reg.OrganizationUpdated)
        info = OrganizationInfo(
            data.organization_id,
            event.tenant_id,
            data.profile.name,
            frozenset(data.profile.public_benefit_areas),
        )
        await self._stores.organizations.save(info, s)

    async def _organization_listed(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(reg.OrganizationListed)
        info = OrganizationInfo(
            data.organization_id,
            data.municipality_id,
            data.name,
            frozenset(data.public_benefit_areas),
        )
        await self._stores.organizations.save(info, s)

    async def _tenant_onboarded(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(reg.TenantOnboarded)
        await self._stores.tenants.save(TenantContext(data.tenant_id), data.name, data.kind, s)

    async def _tenant_updated(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(reg.TenantUpdated)
        await self._stores.tenants.save(TenantContext(data.tenant_id), data.name, data.kind, s)

    # Competitions -------------------------------------------------------------------------

    async def _competition_announced(
        self, event: ReceivedEvent, origin: Origin, s: Session
    ) -> None:
        data = event.parse(grants.CompetitionAnnounced)
        info = CompetitionInfo(
            data.competition_id,
            event.tenant_id,
            data.title,
            data.area,
            data.offer_deadline,
            BoardStatus.OPEN,
            data.announced_at,
            f"{data.total_funds:.2f}",
        )
        await self._stores.competitions.save(info, s)
        await self._fanout.deliver(self._write.competition_announced(origin, data), s)
        await self._remind(
            self._write.competition_closing(origin, info),
            subject_id=data.competition_id,
            deadline=data.offer_deadline,
            before=self._timing.competition,
            known_at=data.announced_at,
            session=s,
        )

    async def _competition_closed(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(grants.CompetitionClosed)
        await self._end_competition(event, data.competition_id, BoardStatus.CLOSED, s)

    async def _competition_cancelled(
        self, event: ReceivedEvent, origin: Origin, s: Session
    ) -> None:
        data = event.parse(grants.CompetitionCancelled)
        competition = await self._competition(event, data.competition_id, s)
        await self._end_competition(event, data.competition_id, BoardStatus.CANCELLED, s)
        await self._fanout.deliver(self._write.competition_cancelled(origin, data, competition), s)

    async def _competition_results(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(grants.CompetitionResultsPublished)
        competition = await self._competition(event, data.competition_id, s)
        await self._end_competition(event, data.competition_id, BoardStatus.RESOLVED, s)
        await self._fanout.deliver(self._write.competition_results(origin, data, competition), s)

    async def _offer_submitted(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(grants.OfferSubmitted)
        competition = await self._competition(event, data.competition_id, s)
        await self._fanout.deliver(self._write.offer_submitted(origin, data, competition), s)

    async def _competition(
        self, event: ReceivedEvent, competition_id: str, s: Session
    ) -> CompetitionInfo | None:
        return await self._stores.competitions.get(
            TenantContext(event.tenant_id), competition_id, s
        )

    async def _end_competition(
        self, event: ReceivedEvent, competition_id: str, status: BoardStatus, s: Session
    ) -> None:
        tenant = TenantContext(event.tenant_id)
        await self._stores.competitions.set_status(tenant, competition_id, status, s)
        await self._stores.reminders.cancel_for(tenant, competition_id, s)

    # Agreements and reports ---------------------------------------------------------------

    async def _agreement_signed(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(grants.AgreementSigned)
        due = local_start(data.final_report_due, self._timing.zone)
        overdue = local_start(data.final_report_due + timedelta(days=1), self._timing.zone)
        facts = {
            "agreement_id": data.agreement_id,
            "organization_id": data.organization_id,
            "obligation": "final",
        }
        await self._remind(
            self._write.report_due(origin, due=due, **facts),
            subject_id=data.agreement_id,
            deadline=due,
            before=self._timing.report,
            known_at=data.signed_at,
            session=s,
        )
        await self._remind(
            self._write.report_overdue(origin, due=due, **facts),
            subject_id=data.agreement_id,
            deadline=overdue,
            before=timedelta(0),
            known_at=data.signed_at,
            session=s,
        )

    async def _agreement_settled(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(grants.AgreementSettled)
        await self._stores.reminders.cancel_for(
            TenantContext(event.tenant_id), data.agreement_id, s
        )

    async def _report_due(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(grants.AgreementReportDue)
        notice = self._write.report_due(
            origin,
            agreement_id=data.agreement_id,
            organization_id=data.organization_id,
            obligation=data.obligation,
            due=local_start(data.due_date, self._timing.zone),
        )
        await self._fanout.deliver(notice, s)

    async def _report_overdue(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(grants.AgreementReportOverdue)
        notice = self._write.report_overdue(
            origin,
            agreement_id=data.agreement_id,
            organization_id=data.organization_id,
            obligation=data.obligation,
            due=local_start(data.due_date, self._timing.zone),
        )
        await self._fanout.deliver(notice, s)

    async def _report_submitted(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(grants.ReportSubmitted)
        if data.report_kind == "final":
            await self._stores.reminders.cancel_for(
                TenantContext(event.tenant_id), data.agreement_id, s
            )
        await self._fanout.deliver(self._write.report_submitted(origin, data), s)

    # Consultations ------------------------------------------------------------------------

    async def _consultation_opened(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(cons.ConsultationOpened)
        info = ConsultationInfo(
            data.consultation_id,
            event.tenant_id,
            data.title,
            data.ends_at,
            BoardStatus.OPEN,
            data.opened_at,
        )
        await self._stores.consultations.save(info, s)
        await self._fanout.deliver(self._write.consultation_opened(origin, data), s)
        await self._remind(
            self._write.consultation_closing(origin, info),
            subject_id=data.consultation_id,
            deadline=data.ends_at,
            before=self._timing.consultation,
            known_at=data.opened_at,
            session=s,
        )

    async def _consultation_closed(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(cons.ConsultationClosed)
        tenant = TenantContext(event.tenant_id)
        await self._stores.consultations.set_status(
            tenant, data.consultation_id, BoardStatus.CLOSED, s
        )
        await self._stores.reminders.cancel_for(tenant, data.consultation_id, s)
        await self._fanout.deliver(self._write.consultation_closed(origin, data), s)

    async def _comment_submitted(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(cons.CommentSubmitted)
        consultation = await self._stores.consultations.get(
            TenantContext(event.tenant_id), data.consultation_id, s
        )
        await self._fanout.deliver(self._write.comment_submitted(origin, data, consultation), s)

    async def _consultation_report(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(cons.ConsultationReportPublished)
        await self._fanout.deliver(self._write.consultation_report(origin, data), s)

    async def _index_published(self, event: ReceivedEvent, origin: Origin, s: Session) -> None:
        data = event.parse(cons.IndexRoundPublished)
        await self._fanout.deliver(self._write.index_published(origin, data), s)
