"""What every use case shares: the clock and an outbox that also feeds monitoring."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from services.consultations.domain.monitoring.own_events import facts_of
from services.consultations.services.monitoring import MonitoringRecorder
from shared.contracts.base import EventContract
from shared.outbox import Transaction
from shared.tenancy import TenantContext

__all__ = ["Outbox", "utc_now"]


def utc_now() -> datetime:
    """Return the current moment, in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Outbox:
    """Sends an aggregate's events and counts what monitoring needs of them, in one transaction."""

    recorder: MonitoringRecorder

    async def send(
        self, transaction: Transaction, events: Iterable[EventContract], tenant: TenantContext
    ) -> None:
        """Put every event into the outbox; record its monitoring facts under the same id."""
        for event in events:
            event_id = await transaction.emit(event, tenant=tenant)
            for fact in facts_of(event, event_id=event_id, tenant_id=tenant.tenant_id):
                await self.recorder.record(transaction, fact)
