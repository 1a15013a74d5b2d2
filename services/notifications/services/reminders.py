"""Firing due timers: claimed and delivered in one transaction, so each fires once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.notifications.domain.reminders import Reminder
from services.notifications.repository import ReminderBook, ReminderClock
from services.notifications.services.fanout import Fanout
from shared.clock import Clock
from shared.logging import get_logger
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import TenantContext

__all__ = ["ReminderServices"]

log = get_logger(__name__)
BATCH = 200


@dataclass(frozen=True)
class ReminderServices:
    """Fires due timers; safe to run on every replica at once."""

    transactions: TransactionRunner
    book: ReminderBook
    due: ReminderClock  # the timers by due time
    fanout: Fanout
    clock: Clock

    async def fire_due(self, now: datetime | None = None) -> int:
        """Fire every timer due at `now`; return how many this call fired."""
        moment = now or self.clock.now()
        fired = 0
        for reminder in await self.due.due(moment.timestamp(), limit=BATCH):
            fired += await self._fire(reminder, moment)
        return fired

    async def _fire(self, reminder: Reminder, moment: datetime) -> int:
        async def work(transaction: Transaction) -> bool:
            session = transaction.session
            tenant = TenantContext(reminder.tenant_id)
            # The conditional update is the claim: a second replica finds it fired already.
            if not await self.book.claim(
                tenant, reminder.key, now=self.clock.timestamp(), session=session
            ):
                return False
            await self.fanout.deliver(reminder.fired_at(moment), session)
            return True

        if await self.transactions.run(work):
            log.info("notifications.reminder.fired", key=reminder.key, tenant_id=reminder.tenant_id)
            return 1
        return 0
