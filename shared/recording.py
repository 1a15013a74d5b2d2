"""One way to put an aggregate's new events in the outbox of the transaction that saves it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from shared.contracts.base import EventContract
from shared.tenancy import TenantContext

__all__ = ["Emitting", "EventRecorder", "EventSink", "Recordable"]


class Emitting(Protocol):
    """The part of a transaction that takes events (the real one, or a test's fake)."""

    async def emit(self, event: EventContract, *, tenant: TenantContext) -> str:
        """Add an event to the outbox; return its id."""
        ...

    def if_aborted(self, undo: Callable[[], None]) -> None:
        """Run `undo` if this attempt does not commit."""
        ...


class Recordable(Protocol):
    """An aggregate with a tenant and the events its last changes raised."""

    @property
    def tenant_id(self) -> str: ...

    events: list[EventContract]


# Also told of each recorded event, in the same transaction (e.g. monitoring facts).
EventSink = Callable[[Any, EventContract, str, TenantContext], Awaitable[None]]


@dataclass(frozen=True)
class EventRecorder:
    """Emits each pending event under its tenant, tells the sinks, and clears the aggregate."""

    sinks: Sequence[EventSink] = ()

    async def record(self, transaction: Emitting, *aggregates: Recordable) -> list[str]:
        """Record every pending event of `aggregates` in order; return the events' ids."""
        ids: list[str] = []
        for aggregate in aggregates:
            pending = list(aggregate.events)
            for event in pending:
                ids.append(await self.record_event(transaction, event, _tenant(aggregate, event)))
            aggregate.events.clear()
            # A retried transaction runs the work again: an aggregate built before it started
            # must still hold its events then.
            transaction.if_aborted(_restore(aggregate, pending))
        return ids

    async def record_event(
        self, transaction: Emitting, event: EventContract, tenant: TenantContext
    ) -> str:
        """Record one event under `tenant` (events without an aggregate); return its id."""
        event_id = await transaction.emit(event, tenant=tenant)
        for sink in self.sinks:
            await sink(transaction, event, event_id, tenant)
        return event_id


def _restore(aggregate: Recordable, events: list[EventContract]) -> Callable[[], None]:
    def restore() -> None:
        aggregate.events[:0] = events

    return restore


def _tenant(aggregate: Recordable, event: EventContract) -> TenantContext:
    # An organization's events go to the tenant they concern (a local list's municipality).
    tenant_of: Callable[[EventContract], str] | None = getattr(aggregate, "tenant_of", None)
    return TenantContext(tenant_of(event) if tenant_of else aggregate.tenant_id)
