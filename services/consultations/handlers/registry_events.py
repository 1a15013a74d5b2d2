"""The registry's events: organization names, registrations, tenants and centres' members."""

from __future__ import annotations

from services.consultations.domain.directory import TenantRecord
from services.consultations.domain.monitoring.inputs import RegisteredOrganization
from services.consultations.services import MonitoringRecorder
from shared.consumer import EventEffect
from shared.contracts.registry import (
    ORGANIZATION_TOPIC,
    TENANT_TOPIC,
    OrganizationRegistered,
    OrganizationUpdated,
    TenantOnboarded,
    TenantUpdated,
)
from shared.events import ReceivedEvent
from shared.outbox import Transaction

__all__ = ["registry_effects"]


def registry_effects(recorder: MonitoringRecorder) -> dict[str, dict[str, EventEffect]]:
    """Return the effect of each registry event type, by logical topic."""

    async def registered(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(OrganizationRegistered)
        await recorder.organization_named(
            transaction,
            home_tenant_id=event.tenant_id,
            organization_id=data.organization_id,
            name=data.name,
            at=data.registered_at,
        )
        await recorder.record(
            transaction,
            RegisteredOrganization(
                event_id=event.id,
                tenant_id=event.tenant_id,
                organization_id=data.organization_id,
                name=data.name,
                occurred_at=data.registered_at,
            ),
        )

    async def updated(transaction: Transaction, event: ReceivedEvent) -> None:
        data = event.parse(OrganizationUpdated)
        await recorder.organization_named(
            transaction,
            home_tenant_id=event.tenant_id,
            organization_id=data.organization_id,
            name=data.profile.name,
            at=data.updated_at,
        )

    async def tenant(transaction: Transaction, event: ReceivedEvent) -> None:
        data: TenantOnboarded | TenantUpdated = (
            event.parse(TenantOnboarded)
            if event.type == TenantOnboarded.event_type
            else event.parse(TenantUpdated)
        )
        record = TenantRecord(data.tenant_id, data.name, data.kind, tuple(data.member_ids))
        await recorder.tenant_described(transaction, record)

    return {
        ORGANIZATION_TOPIC: {
            OrganizationRegistered.event_type: registered,
            OrganizationUpdated.event_type: updated,
        },
        TENANT_TOPIC: {TenantOnboarded.event_type: tenant, TenantUpdated.event_type: tenant},
    }
