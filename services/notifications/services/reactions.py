"""What consumed events may use here: the read models, the fanout, the timers, the webhook feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from services.notifications.domain.notice import Notice
from services.notifications.domain.notices import NoticeWriter
from services.notifications.domain.projections import BoardStatus, CompetitionInfo
from services.notifications.domain.reminders import schedule
from services.notifications.repository import (
    CompetitionBoard,
    ConsultationBoard,
    OrganizationDirectory,
    ReminderBook,
    Tenants,
)
from services.notifications.services.fanout import Fanout
from services.notifications.services.webhook_feed import WebhookFeed
from shared.directory import Directory
from shared.outbox import Transaction
from shared.tenancy import TenantContext

__all__ = ["Reactions", "ReminderTiming", "Stores"]


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
    tenants: Tenants
    reminders: ReminderBook


@dataclass(frozen=True)
class Reactions:
    """What the event handlers call, inside the consumer's transaction."""

    writer: NoticeWriter
    fanout: Fanout
    feed: WebhookFeed
    stores: Stores
    timing: ReminderTiming

    @property
    def directory(self) -> Directory:
        """The tenants known here, as the shared registry handlers keep them."""
        return Directory(self.stores.tenants)

    async def deliver(self, notice: Notice, transaction: Transaction) -> int:
        """Deliver a notice to its audience in the transaction."""
        return await self.fanout.deliver(notice, transaction.session)

    async def remind(
        self,
        notice: Notice,
        *,
        subject_id: str,
        deadline: datetime,
        before: timedelta,
        known_at: datetime,
        transaction: Transaction,
    ) -> None:
        """Set a timer for the notice `before` the deadline, unless it needs none."""
        reminder = schedule(
            notice, subject_id=subject_id, deadline=deadline, before=before, known_at=known_at
        )
        if reminder:
            await self.stores.reminders.set(reminder, transaction.session)

    async def competition(
        self, tenant_id: str, competition_id: str, transaction: Transaction
    ) -> CompetitionInfo | None:
        """Return what is known of a competition."""
        return await self.stores.competitions.get(
            TenantContext(tenant_id), competition_id, transaction.session
        )

    async def end_competition(
        self, tenant_id: str, competition_id: str, status: BoardStatus, transaction: Transaction
    ) -> None:
        """Mark a competition ended and drop its timers."""
        tenant = TenantContext(tenant_id)
        await self.stores.competitions.set_status(
            tenant, competition_id, status, transaction.session
        )
        await self.stores.reminders.cancel_for(tenant, competition_id, transaction.session)

    async def cancel_timers(
        self, tenant_id: str, subject_id: str, transaction: Transaction
    ) -> None:
        """Drop the timers set for a subject (an agreement, a consultation)."""
        await self.stores.reminders.cancel_for(
            TenantContext(tenant_id), subject_id, transaction.session
        )
