"""How the registry's events keep a service's directory: module-level handlers in tables.

A service binds `DIRECTORY_HANDLERS` (or `TENANT_HANDLERS`) to any object with a `directory`;
where it does more with the same event, its own handler calls these first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from shared.contracts.base import EventContract
from shared.contracts.registry import (
    OrganizationDeregistered,
    OrganizationProfile,
    OrganizationRegistered,
    OrganizationStatusChanged,
    OrganizationUpdated,
    TenantOnboarded,
    TenantUpdated,
)
from shared.directory.stores import OrganizationStore, TenantStore
from shared.directory.views import KnownTenant
from shared.events import ReceivedEvent
from shared.handlers import Handler
from shared.logging import get_logger
from shared.outbox import Transaction
from shared.tenancy import TenantContext

__all__ = [
    "DIRECTORY_HANDLERS",
    "TENANT_HANDLERS",
    "Directory",
    "HasDirectory",
    "organization_deregistered",
    "organization_registered",
    "organization_status_changed",
    "organization_updated",
    "tenant_described",
]

log = get_logger(__name__)


@dataclass(frozen=True)
class Directory:
    """A service's stores of tenants and (if it keeps them) organizations."""

    tenants: TenantStore
    organizations: OrganizationStore | None = None


class HasDirectory(Protocol):
    """Whatever a service binds its registry handlers to."""

    @property
    def directory(self) -> Directory: ...


async def organization_registered(
    event: OrganizationRegistered, envelope: ReceivedEvent, transaction: Transaction, deps: Any
) -> None:
    """Keep a newly registered organization's profile under its home tenant."""
    # Events from before profiles travelled carry only the identifying fields.
    profile = event.profile or OrganizationProfile(
        name=event.name,
        legal_form=event.legal_form,
        krs=event.krs,
        nip=event.nip,
        regon=event.regon,
    )
    await _described(
        deps.directory, envelope, event.organization_id, profile, event.registered_at, transaction
    )


async def organization_updated(
    event: OrganizationUpdated, envelope: ReceivedEvent, transaction: Transaction, deps: Any
) -> None:
    """Keep an organization's changed profile."""
    await _described(
        deps.directory,
        envelope,
        event.organization_id,
        event.profile,
        event.updated_at,
        transaction,
    )


async def organization_status_changed(
    event: OrganizationStatusChanged, envelope: ReceivedEvent, transaction: Transaction, deps: Any
) -> None:
    """Keep an organization's new legal status."""
    await _status(
        deps.directory, envelope, event.organization_id, event.status, event.changed_at, transaction
    )


async def organization_deregistered(
    event: OrganizationDeregistered, envelope: ReceivedEvent, transaction: Transaction, deps: Any
) -> None:
    """Mark an organization deregistered (it keeps its name for past records)."""
    await _status(
        deps.directory,
        envelope,
        event.organization_id,
        "deregistered",
        event.deregistered_at,
        transaction,
    )


async def tenant_described(
    event: TenantOnboarded | TenantUpdated,
    envelope: ReceivedEvent,
    transaction: Transaction,
    deps: Any,
) -> None:
    """Keep a tenant's name, kind, region and a support centre's member municipalities."""
    known = KnownTenant(
        event.tenant_id, event.name, event.kind, event.region, tuple(event.member_ids)
    )
    await deps.directory.tenants.put(known, transaction.session)


async def _described(
    directory: Directory,
    envelope: ReceivedEvent,
    organization_id: str,
    profile: OrganizationProfile,
    at: Any,
    transaction: Transaction,
) -> None:
    if directory.organizations is None:
        return
    await directory.organizations.put_profile(
        TenantContext(envelope.tenant_id),
        organization_id,
        profile.model_dump(mode="json"),
        at,
        transaction.session,
    )


async def _status(
    directory: Directory,
    envelope: ReceivedEvent,
    organization_id: str,
    status: str,
    at: Any,
    transaction: Transaction,
) -> None:
    if directory.organizations is None:
        return
    home = TenantContext(envelope.tenant_id)
    known = await directory.organizations.put_status(
        home, organization_id, status, at, transaction.session
    )
    if not known:
        # Unknown here, or another tenant's event naming it: neither may change it.
        log.warning(
            "directory.organization.unknown",
            organization_id=organization_id,
            tenant_id=envelope.tenant_id,
            status=status,
        )


TENANT_HANDLERS: dict[type[EventContract], Handler[Any, Any]] = {
    TenantOnboarded: tenant_described,
    TenantUpdated: tenant_described,
}
DIRECTORY_HANDLERS: dict[type[EventContract], Handler[Any, Any]] = {
    OrganizationRegistered: organization_registered,
    OrganizationUpdated: organization_updated,
    OrganizationStatusChanged: organization_status_changed,
    OrganizationDeregistered: organization_deregistered,
    **TENANT_HANDLERS,
}
