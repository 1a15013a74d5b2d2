"""The kernel every service shares: access checks, event recording and handler tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.access import Centres, not_found, require_member, require_officer
from shared.contracts.base import EventContract
from shared.contracts.registry import TENANT_TOPIC, TenantOnboarded, TenantUpdated
from shared.errors import Forbidden, NotFound, Text
from shared.events import ReceivedEvent
from shared.handlers import bind, merge
from shared.recording import EventRecorder
from shared.tenancy import Role, TenantContext
from tests.support.fakes import FakeTransaction, FakeTransactionRunner
from tests.support.principals import person


@dataclass
class Tenants:
    records: dict[str, Any]

    async def get(self, tenant_id: str) -> Any | None:
        return self.records.get(tenant_id)


@dataclass
class Record:
    member_ids: tuple[str, ...]


CENTRES = Centres(Tenants({"centre": Record(("0261011", "0262011"))}))


def test_only_officers_pass_the_officer_check_and_get_their_own_tenant() -> None:
    assert require_officer(person("0261011", Role.TENANT_OFFICER)) == TenantContext("0261011")
    with pytest.raises(Forbidden) as refused:
        require_officer(person("0261011", Role.NGO_MEMBER, organization_id="o1"))
    assert refused.value.detail.en == "The tenant_officer role is required."


def test_a_member_acts_for_the_organization_in_the_token_only() -> None:
    assert require_member(person("t", Role.NGO_MEMBER, organization_id="o1")) == "o1"
    with pytest.raises(Forbidden):
        require_member(person("t", Role.NGO_MEMBER))


async def test_centre_staff_read_their_members_and_others_read_their_own_tenant() -> None:
    staff = person("centre", Role.CENTRE_STAFF)
    assert (await CENTRES.reading(staff)).visible_tenant_ids == ("centre", "0261011", "0262011")
    officer = person("0261011", Role.TENANT_OFFICER)
    assert (await CENTRES.reading(officer)).visible_tenant_ids == ("0261011",)
    assert await CENTRES.staff(officer) == TenantContext("0261011")
    with pytest.raises(Forbidden):
        await CENTRES.centre(officer)
    with pytest.raises(Forbidden):
        await CENTRES.staff(person("0261011", Role.NGO_MEMBER, organization_id="o1"))


async def test_a_centre_narrows_to_a_member_and_gets_404_for_a_stranger() -> None:
    staff = person("centre", Role.CENTRE_STAFF)
    assert await CENTRES.municipality(staff, "0262011") == TenantContext("0262011")
    with pytest.raises(NotFound) as missing:
        await CENTRES.municipality(staff, "1465011")
    assert missing.value.extra == {"municipality_id": "1465011"}
    assert await CENTRES.members_of("unknown") == ()


def test_not_found_says_what_and_names_the_ids_it_was_given() -> None:
    answer = not_found(
        Text("Nie ma takiego konkursu.", "No such competition."), competition_id="c1"
    )
    assert answer.detail.en == "No such competition." and answer.extra == {"competition_id": "c1"}


@dataclass
class Aggregate:
    tenant_id: str
    events: list[EventContract] = field(default_factory=list)


@dataclass
class ListedOrganization(Aggregate):
    local_tenant: str = ""

    def tenant_of(self, event: EventContract) -> str:
        return self.local_tenant or self.tenant_id


def _onboarded(tenant_id: str) -> TenantOnboarded:
    return TenantOnboarded(
        tenant_id=tenant_id, name="Gmina", kind="municipality", onboarded_at=datetime.now(UTC)
    )


async def test_recording_emits_in_order_under_each_events_tenant_tells_sinks_and_clears() -> None:
    told: list[tuple[str, str]] = []

    async def sink(transaction: Any, event: EventContract, event_id: str, tenant: Any) -> None:
        told.append((event_id, tenant.tenant_id))

    transaction = FakeTransaction()
    first = Aggregate("t1", [_onboarded("a"), _onboarded("b")])
    listed = ListedOrganization("t1", [_onboarded("c")], local_tenant="t2")
    ids = await EventRecorder(sinks=[sink]).record(transaction, first, listed)
    assert [r.event.tenant_id for r in transaction.outbox] == ["a", "b", "c"]  # type: ignore[attr-defined]
    assert [r.tenant.tenant_id for r in transaction.outbox] == ["t1", "t1", "t2"]
    assert told == list(zip(ids, ["t1", "t1", "t2"], strict=True))
    assert first.events == [] and listed.events == []


def _received(event: EventContract, tenant_id: str) -> ReceivedEvent:
    return ReceivedEvent(
        id="e1",
        source="registry",
        type=event.event_type,
        time=datetime.now(UTC),
        subject=None,
        tenant_id=tenant_id,
        correlation_id="c1",
        data=event.model_dump(mode="json"),
        topic=TENANT_TOPIC,
    )


async def test_a_bound_table_parses_the_event_and_calls_its_handler_with_the_deps() -> None:
    seen: list[tuple[str, str, str]] = []

    async def onboarded(
        event: TenantOnboarded, envelope: ReceivedEvent, transaction: Any, deps: str
    ) -> None:
        seen.append((event.name, envelope.tenant_id, deps))

    effects = bind({TenantOnboarded: onboarded}, "the deps")
    effect = effects[TENANT_TOPIC][TenantOnboarded.event_type]
    await effect(FakeTransaction(), _received(_onboarded("0261011"), "0261011"))  # type: ignore[arg-type]
    assert seen == [("Gmina", "0261011", "the deps")]


def test_merging_refuses_a_type_bound_twice() -> None:
    async def handler(*_: Any) -> None:
        return None

    one = bind({TenantOnboarded: handler}, None)
    other = bind({TenantUpdated: handler}, None)
    assert set(merge(one, other)[TENANT_TOPIC]) == {
        TenantOnboarded.event_type,
        TenantUpdated.event_type,
    }
    with pytest.raises(ValueError, match="two handlers"):
        merge(one, one)


async def test_an_aggregate_built_before_a_retried_transaction_keeps_its_events() -> (
    None
):
    aggregate = Aggregate("t1", [_onboarded("a")])
    runner = FakeTransactionRunner(retries=1)

    async def work(transaction: Any) -> None:
        await EventRecorder().record(transaction, aggregate)

    await runner.run(work)
    assert runner.tenants_of(TenantOnboarded) == ["t1"]
    assert aggregate.events == []
