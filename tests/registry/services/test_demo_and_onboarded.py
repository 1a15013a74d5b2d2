"""Demo data goes only into an empty registry; onboarded tenants are remembered, others asked."""

from __future__ import annotations

import pytest

from services.registry.services.demo import DEMO_TENANTS, load_demo_data
from services.registry.services.onboarded import OnboardedTenants
from shared.contracts.registry import OrganizationListed, OrganizationRegistered, TenantOnboarded
from shared.errors import Conflict
from shared.recording import EventRecorder
from tests.registry.fakes import FakeRegistry, FakeTenantRecords, fake_registry, onboarded


async def _load(registry: FakeRegistry) -> None:
    await load_demo_data(
        registry.runner,
        registry.tenants,
        registry.organizations,
        registry.claims,
        recorder=EventRecorder(),
        clock=registry.clock,
    )


async def test_demo_data_fills_an_empty_registry_once() -> None:
    registry = fake_registry()

    await _load(registry)
    await _load(registry)

    assert sorted(registry.tenants.items) == sorted(t[0] for t in DEMO_TENANTS)
    assert len(registry.organizations.items) == 5
    assert len(registry.runner.events(TenantOnboarded)) == 3
    assert len(registry.runner.events(OrganizationRegistered)) == 5
    # Each organization is listed by its home municipality, under that municipality.
    listed = registry.runner.events(OrganizationListed)
    assert registry.runner.tenants_of(OrganizationListed) == [e.municipality_id for e in listed]
    assert all(o.registered_at == registry.clock.now() for o in registry.organizations.all())


async def test_demo_data_never_mixes_with_real_data() -> None:
    registry = fake_registry(onboarded("1465011"))

    await _load(registry)

    assert list(registry.tenants.items) == ["1465011"] and registry.organizations.items == {}
    assert registry.runner.committed == []


async def test_a_known_tenant_is_read_once_and_an_unknown_one_each_time() -> None:
    records = FakeTenantRecords(onboarded("0264011"))
    tenants = OnboardedTenants(records)

    for _ in range(3):
        await tenants.require("0264011")
        with pytest.raises(Conflict) as refused:
            await tenants.require("1465011")
        assert refused.value.extra == {"tenant_id": "1465011"}

    assert records.reads == 1 + 3
