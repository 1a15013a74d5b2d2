"""The registry's events keep grants' read model of organizations and tenants (idempotent)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from services.grants.domain.applicant import TenantRecord
from services.grants.services.directory import DirectoryServices
from shared.contracts.registry import (
    ORGANIZATION_TOPIC,
    TENANT_TOPIC,
    OrganizationDeregistered,
    OrganizationProfile,
    OrganizationRegistered,
    OrganizationStatusChanged,
    OrganizationUpdated,
    TenantOnboarded,
    TenantUpdated,
)
from shared.events import ReceivedEvent
from shared.outbox import Transaction

__all__ = ["registry_effects"]

Effect = Callable[[Transaction, ReceivedEvent], Awaitable[None]]


def registry_effects(directory: DirectoryServices) -> dict[str, dict[str, Effect]]:
    """Return the effect of each registry event type, by logical topic."""

    async def registered(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(OrganizationRegistered)
        # Events from before profiles travelled carry only the identifying fields.
        profile = data.profile or OrganizationProfile(
            name=data.name, legal_form=data.legal_form, krs=data.krs, nip=data.nip, regon=data.regon
        )
        await directory.organization_described(
            transaction,
            home_tenant_id=event.tenant_id,
            organization_id=data.organization_id,
            profile=profile,
            at=data.registered_at,
        )

    async def updated(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(OrganizationUpdated)
        await directory.organization_described(
            transaction,
            home_tenant_id=event.tenant_id,
            organization_id=data.organization_id,
            profile=data.profile,
            at=data.updated_at,
        )

    async def status_changed(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(OrganizationStatusChanged)
        await directory.organization_status_changed(
            transaction,
            home_tenant_id=event.tenant_id,
            organization_id=data.organization_id,
            status=data.status,
            at=data.changed_at,
        )

    async def deregistered(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(OrganizationDeregistered)
        await directory.organization_status_changed(
            transaction,
            home_tenant_id=event.tenant_id,
            organization_id=data.organization_id,
            status="deregistered",
            at=data.deregistered_at,
        )

    async def tenant(transaction: Transaction, event: ReceivedEvent) -> None:
        data: TenantOnboarded | TenantUpdated = (
            event.parse(TenantOnboarded)
            if event.type == TenantOnboarded.event_type
            else event.parse(TenantUpdated)
        )
        record = TenantRecord(
            data.tenant_id, data.name, data.kind, data.region, tuple(data.member_ids)
        )
        await directory.tenant_described(transaction, record)

    return {
        ORGANIZATION_TOPIC: {
            OrganizationRegistered.event_type: registered,
            OrganizationUpdated.event_type: updated,
            OrganizationStatusChanged.event_type: status_changed,
            OrganizationDeregistered.event_type: deregistered,
        },
        TENANT_TOPIC: {TenantOnboarded.event_type: tenant, TenantUpdated.event_type: tenant},
    }
