"""Valid events of the registry; override only what a test is about."""

from __future__ import annotations

from typing import Any

from shared.context import new_id
from shared.contracts.registry import (
    OrganizationProfile,
    OrganizationRegistered,
    TenantOnboarded,
    TenantUpdated,
)
from shared.events import KafkaRecord, encode_event
from tests.support.producers._common import now, numbers

__all__ = [
    "organization_in",
    "organization_registered",
    "registered_record",
    "tenant_onboarded",
    "tenant_updated",
]


def organization_registered(**overrides: Any) -> OrganizationRegistered:
    """Return the data of a registration event."""
    values: dict[str, Any] = {
        "organization_id": new_id(),
        "name": f"Stowarzyszenie Testowe nr {next(numbers)}",
        "legal_form": "association",
        "registered_by": "user-registrar",
        "registered_at": now(),
        **overrides,
    }
    return OrganizationRegistered(**values)


def organization_in(areas: list[str], **overrides: Any) -> OrganizationRegistered:
    """Return the registration of an organization working in `areas`."""
    name = overrides.pop("name", f"Fundacja Obszarowa nr {next(numbers)}")
    values: dict[str, Any] = {
        "organization_id": new_id(),
        "name": name,
        "legal_form": "foundation",
        "registered_by": "officer",
        "registered_at": now(),
        "profile": OrganizationProfile(
            name=name, legal_form="foundation", public_benefit_areas=areas
        ),
        **overrides,
    }
    return OrganizationRegistered(**values)


def registered_record(
    *, tenant_id: str, topic: str, event: OrganizationRegistered | None = None, **attributes: Any
) -> KafkaRecord:
    """Return a registration event as the registry's relay writes it to Kafka."""
    return encode_event(
        event or organization_registered(),
        source=attributes.pop("source", "registry"),
        tenant_id=tenant_id,
        correlation_id=attributes.pop("correlation_id", new_id()),
        topic=topic,
        **attributes,
    )


def tenant_onboarded(tenant_id: str, **overrides: Any) -> TenantOnboarded:
    """Return the onboarding of a municipality (a centre with kind and member_ids)."""
    values: dict[str, Any] = {
        "tenant_id": tenant_id,
        "name": f"Gmina {tenant_id}",
        "kind": "municipality",
        "onboarded_at": now(),
        **overrides,
    }
    return TenantOnboarded(**values)


def tenant_updated(tenant_id: str, **overrides: Any) -> TenantUpdated:
    """Return a change of a tenant's name or a centre's members."""
    values: dict[str, Any] = {
        "tenant_id": tenant_id,
        "name": f"Gmina {tenant_id}",
        "kind": "municipality",
        "updated_at": now(),
        **overrides,
    }
    return TenantUpdated(**values)
