"""Effects of registry events on the notifications inbox."""

from __future__ import annotations

from datetime import UTC, datetime

from services.notifications.domain.inbox import item_for_registered_organization
from services.notifications.repository import InboxRepository
from shared.consumer import EventEffect
from shared.contracts.registry import OrganizationRegistered
from shared.events import ReceivedEvent
from shared.outbox import Transaction
from shared.tenancy import TenantContext

__all__ = ["registry_effects"]


def registry_effects(inbox: InboxRepository) -> dict[str, EventEffect]:
    """Return the effect of each registry event type this service acts on."""

    async def organization_registered(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(OrganizationRegistered)
        item = item_for_registered_organization(
            data, tenant_id=event.tenant_id, event_id=event.id, received_at=datetime.now(UTC)
        )
        await inbox.add(TenantContext(event.tenant_id), item, transaction.session)

    return {OrganizationRegistered.event_type: organization_registered}
