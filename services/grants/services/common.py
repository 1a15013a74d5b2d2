"""What every use case of the grants service shares: the clock, events, refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shared.aggregates import Aggregate
from shared.errors import NotFound, Text
from shared.outbox import Transaction
from shared.tenancy import TenantContext

__all__ = ["Clock", "not_found", "record_events"]


class Clock:
    """The service's time; deadlines are judged by it, so rehearsals can move it forward."""

    def __init__(self) -> None:
        self._offset = timedelta(0)

    def now(self) -> datetime:
        """Return the current moment (UTC)."""
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        """Move the service's time forward (demos and tests of deadlines)."""
        self._offset += delta


async def record_events(transaction: Transaction, *aggregates: Aggregate) -> None:
    """Put the aggregates' new events in the outbox of this transaction, in order."""
    for aggregate in aggregates:
        for event in aggregate.events:
            await transaction.emit(event, tenant=TenantContext(aggregate.tenant_id))
        aggregate.events.clear()


def not_found(pl: str, en: str, **extra: object) -> NotFound:
    """Return the answer for an object the caller may not see (no existence leak)."""
    return NotFound(detail=Text(pl, en), extra=dict(extra))
