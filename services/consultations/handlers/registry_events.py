"""The registry's events: tenants, centres' members and organization names, and registrations."""

from __future__ import annotations

from typing import Any

from services.consultations.domain.monitoring.inputs import RegisteredOrganization
from services.consultations.handlers.deps import EventDeps
from shared.contracts.base import EventContract
from shared.contracts.registry import OrganizationRegistered
from shared.directory import DIRECTORY_HANDLERS
from shared.directory.handlers import organization_registered
from shared.events import ReceivedEvent
from shared.handlers import Handler
from shared.outbox import Transaction

__all__ = ["EVENT_HANDLERS", "registered"]


async def registered(
    event: OrganizationRegistered,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: EventDeps,
) -> None:
    """Keep the organization's name, and count its registration in its municipality's year."""
    await organization_registered(event, envelope, transaction, deps)
    await deps.recorder.record(
        transaction,
        RegisteredOrganization(
            event_id=envelope.id,
            tenant_id=envelope.tenant_id,
            organization_id=event.organization_id,
            name=event.name,
            occurred_at=event.registered_at,
        ),
    )


# The directory's own handlers keep tenants and names; a registration is also counted.
EVENT_HANDLERS: dict[type[EventContract], Handler[Any, EventDeps]] = {
    **DIRECTORY_HANDLERS,
    OrganizationRegistered: registered,
}
