"""The registry's events keep grants' read model: the bound handler table, without servers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.grants.handlers.registry_events import EVENT_HANDLERS
from shared.contracts.base import EventContract
from shared.contracts.registry import (
    ORGANIZATION_TOPIC,
    TENANT_TOPIC,
    OrganizationDeregistered,
    OrganizationStatusChanged,
    TenantOnboarded,
)
from shared.errors import Conflict
from shared.events import ReceivedEvent
from shared.handlers import bind
from shared.runtime import Effects
from tests.grants.fakes import World
from tests.support.factories import organization_registered
from tests.support.fakes import FakeTransaction

HOME, OTHER = "tenant-0601011", "tenant-0602011"
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def effects(world: World) -> Effects:
    return bind(EVENT_HANDLERS, world.directory)


async def deliver(effects: Effects, event: EventContract, tenant_id: str) -> None:
    received = ReceivedEvent(
        id=f"event-{event.event_type}-{tenant_id}",
        source="registry",
        type=event.event_type,
        time=AT,
        subject=None,
        tenant_id=tenant_id,
        correlation_id="correlation-1",
        data=event.model_dump(mode="json"),
    )
    await effects[type(event).topic][event.event_type](FakeTransaction(), received)


def test_every_registry_fact_grants_keeps_is_bound() -> None:
    bound = bind(EVENT_HANDLERS, World().directory)
    assert set(bound) == {ORGANIZATION_TOPIC, TENANT_TOPIC}
    assert len(bound[ORGANIZATION_TOPIC]) == 4 and len(bound[TENANT_TOPIC]) == 2


async def test_a_registration_makes_the_organization_known_under_its_home(
    world: World, effects: Effects
) -> None:
    event = organization_registered(name="Fundacja Pod Lipą")
    await deliver(effects, event, HOME)

    known = await world.applicants.get(event.organization_id)
    assert known is not None
    assert (known.home_tenant_id, known.name, known.status) == (HOME, "Fundacja Pod Lipą", "active")


async def test_another_tenants_status_event_changes_nothing(world: World, effects: Effects) -> None:
    event = organization_registered()
    await deliver(effects, event, HOME)
    change = OrganizationStatusChanged(
        organization_id=event.organization_id,
        previous_status="active",
        status="suspended",
        changed_at=AT,
    )
    await deliver(effects, change, OTHER)
    assert (await world.applicants.get(event.organization_id)).status == "active"

    await deliver(effects, change, HOME)
    assert (await world.applicants.get(event.organization_id)).status == "suspended"


async def test_a_deregistered_organization_may_no_longer_apply(
    world: World, effects: Effects
) -> None:
    event = organization_registered()
    await deliver(effects, event, HOME)
    await deliver(
        effects,
        OrganizationDeregistered(organization_id=event.organization_id, deregistered_at=AT),
        HOME,
    )
    with pytest.raises(Conflict) as refused:
        await world.access.applicant(event.organization_id)
    assert refused.value.errors[0].code == "organization-inactive"


async def test_a_centres_onboarding_stores_its_member_municipalities(
    world: World, effects: Effects
) -> None:
    centre = TenantOnboarded(
        tenant_id="centre-06",
        name="Centrum Wspierania",
        kind="support_centre",
        member_ids=[HOME],
        onboarded_at=AT,
    )
    await deliver(effects, centre, "centre-06")

    known = await world.tenants.get("centre-06")
    assert known is not None and known.member_ids == (HOME,)
