"""Tenant use cases over fake stores: only platform admins onboard; who sees which tenants."""

from __future__ import annotations

import pytest

from services.registry.domain.tenant.tenant import TenantKind
from shared.contracts.registry import TenantOnboarded, TenantUpdated
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.registry.fakes import FakeRegistry, fake_registry
from tests.support.principals import person

WROCLAW, KATY, OPOLE = "0264011", "0223044", "1661011"
CENTRE = "centre-02-wroclaw"


@pytest.fixture
async def registry() -> FakeRegistry:
    """Two municipalities and a centre with both as members, onboarded by an admin."""
    registry = fake_registry()
    admin = person("platform", "platform_admin")
    for tenant_id in (WROCLAW, KATY, OPOLE):
        await registry.tenant_services.onboard(
            admin, tenant_id=tenant_id, name=f"Gmina {tenant_id}", kind=TenantKind.MUNICIPALITY,
            member_ids=[],
        )  # fmt: skip
    await registry.tenant_services.onboard(
        admin, tenant_id=CENTRE, name="Centrum NGO", kind=TenantKind.SUPPORT_CENTRE,
        member_ids=[WROCLAW, KATY],
    )  # fmt: skip
    return registry


async def test_onboarding_announces_each_tenant_under_its_own_id(registry: FakeRegistry) -> None:
    assert registry.runner.tenants_of(TenantOnboarded) == [WROCLAW, KATY, OPOLE, CENTRE]
    [centre] = [e for e in registry.runner.events(TenantOnboarded) if e.tenant_id == CENTRE]
    assert isinstance(centre, TenantOnboarded) and centre.member_ids == sorted([WROCLAW, KATY])


@pytest.mark.parametrize("role", ["tenant_officer", "centre_staff", "ngo_member"])
async def test_only_platform_admins_onboard_and_change_tenants(
    registry: FakeRegistry, role: str
) -> None:
    caller = person(WROCLAW, role)
    with pytest.raises(Forbidden):
        await registry.tenant_services.onboard(
            caller, tenant_id="1465011", name="Gmina", kind=TenantKind.MUNICIPALITY, member_ids=[]
        )
    with pytest.raises(Forbidden):
        await registry.tenant_services.update(caller, WROCLAW, name="Nowa", member_ids=None)
    assert "1465011" not in registry.tenants.items


async def test_a_tenant_is_onboarded_once(registry: FakeRegistry) -> None:
    with pytest.raises(Conflict):
        await registry.tenant_services.onboard(
            person("platform", "platform_admin"),
            tenant_id=WROCLAW,
            name="Znowu",
            kind=TenantKind.MUNICIPALITY,
            member_ids=[],
        )
    assert registry.tenants.items[WROCLAW].name == f"Gmina {WROCLAW}"
    assert registry.runner.tenants_of(TenantOnboarded).count(WROCLAW) == 1


async def test_a_malformed_teryt_code_names_the_field(registry: FakeRegistry) -> None:
    with pytest.raises(InvalidInput) as refused:
        await registry.tenant_services.onboard(
            person("platform", "platform_admin"),
            tenant_id="12",
            name="Gmina",
            kind=TenantKind.MUNICIPALITY,
            member_ids=[],
        )
    assert refused.value.errors[0].field.endswith("id")


async def test_a_rename_is_announced_and_a_no_change_is_not(registry: FakeRegistry) -> None:
    admin = person("platform", "platform_admin")

    renamed = await registry.tenant_services.update(
        admin, WROCLAW, name="Gmina Wrocław", member_ids=None
    )
    same = await registry.tenant_services.update(
        admin, WROCLAW, name="Gmina Wrocław", member_ids=None
    )

    assert renamed.name == same.name == "Gmina Wrocław"
    assert registry.tenants.items[WROCLAW].name == "Gmina Wrocław"
    assert registry.runner.tenants_of(TenantUpdated) == [WROCLAW]


async def test_changing_an_unknown_tenant_is_404(registry: FakeRegistry) -> None:
    with pytest.raises(NotFound) as missing:
        await registry.tenant_services.update(
            person("platform", "platform_admin"), "1465011", name="X", member_ids=None
        )
    assert missing.value.extra == {"tenant_id": "1465011"}


async def test_who_sees_which_tenants(registry: FakeRegistry) -> None:
    use = registry.tenant_services

    every = await use.visible(person("platform", "platform_admin"))
    centre = await use.visible(person(CENTRE, "centre_staff"))
    own = await use.visible(person(WROCLAW, "tenant_officer"))
    unknown = await use.visible(person("1465011", "tenant_officer"))

    assert [t.id for t in every] == sorted([WROCLAW, KATY, OPOLE, CENTRE])
    assert [t.id for t in centre] == [CENTRE, KATY, WROCLAW]
    assert [t.id for t in own] == [WROCLAW]
    assert unknown == []


async def test_another_tenant_is_404_to_a_municipality(registry: FakeRegistry) -> None:
    use = registry.tenant_services
    assert (await use.get(person(CENTRE, "centre_staff"), KATY)).id == KATY
    with pytest.raises(NotFound):
        await use.get(person(WROCLAW, "tenant_officer"), KATY)


async def test_a_retried_onboarding_still_announces_the_tenant_once() -> None:
    registry = fake_registry(retries=1)

    await registry.tenant_services.onboard(
        person("platform", "platform_admin"),
        tenant_id=WROCLAW,
        name="Gmina Wrocław",
        kind=TenantKind.MUNICIPALITY,
        member_ids=[],
    )

    assert registry.runner.tenants_of(TenantOnboarded) == [WROCLAW]
    assert registry.tenants.items[WROCLAW].onboarded_at == registry.clock.now()
