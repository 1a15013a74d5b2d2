"""The registry's events: the organizations and tenants known here, and new registrations."""

from __future__ import annotations

from services.notifications.domain.projections import OrganizationInfo
from services.notifications.handlers.feed import origin_of
from services.notifications.services.reactions import Reactions
from shared.contracts import registry as reg
from shared.directory import TENANT_HANDLERS
from shared.events import ReceivedEvent
from shared.handlers import HandlerTable
from shared.outbox import Transaction

__all__ = ["EVENT_HANDLERS"]


async def organization_registered(
    data: reg.OrganizationRegistered,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Know the organization, and tell its municipality it registered."""
    origin = origin_of(envelope)
    areas = data.profile.public_benefit_areas if data.profile else []
    info = OrganizationInfo(data.organization_id, origin.tenant_id, data.name, frozenset(areas))
    await deps.stores.organizations.save(info, transaction.session)
    await deps.deliver(deps.writer.organization_registered(origin, data), transaction)


async def organization_updated(
    data: reg.OrganizationUpdated,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Reactions,
) -> None:
    """Keep the organization's name and areas current."""
    info = OrganizationInfo(
        data.organization_id,
        envelope.tenant_id,
        data.profile.name,
        frozenset(data.profile.public_benefit_areas),
    )
    await deps.stores.organizations.save(info, transaction.session)


async def organization_listed(
    data: reg.OrganizationListed, envelope: ReceivedEvent, transaction: Transaction, deps: Reactions
) -> None:
    """Know an organization listed in another municipality."""
    info = OrganizationInfo(
        data.organization_id,
        data.municipality_id,
        data.name,
        frozenset(data.public_benefit_areas),
    )
    await deps.stores.organizations.save(info, transaction.session)


EVENT_HANDLERS: HandlerTable[Reactions] = {
    reg.OrganizationRegistered: organization_registered,
    reg.OrganizationUpdated: organization_updated,
    reg.OrganizationListed: organization_listed,
    # Tenants: the shared directory's handler keeps them in this service's `tenants`.
    **TENANT_HANDLERS,
}
