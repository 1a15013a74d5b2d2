"""The in-memory fakes behave like the stores they stand for, so fast tests can be trusted."""

from dataclasses import dataclass, field

import pytest

from shared.contracts.base import EventContract
from shared.errors import Conflict
from shared.tenancy import TenantContext
from tests.support.fakes import FakeTransactionRunner, InMemoryAggregates


@dataclass
class Thing:
    id: str
    tenant_id: str
    colour: str = "red"
    version: int = 0
    events: list[EventContract] = field(default_factory=list)


async def test_a_failed_unit_of_work_leaves_no_write_and_no_event() -> None:
    things: InMemoryAggregates[Thing] = InMemoryAggregates()
    runner = FakeTransactionRunner(things)

    async def fail(transaction: object) -> None:
        await things.add(Thing("a", "t1"))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await runner.run(fail)
    assert things.all() == [] and runner.committed == []


async def test_another_tenant_never_sees_the_aggregate_and_a_stale_save_is_a_conflict() -> None:
    things: InMemoryAggregates[Thing] = InMemoryAggregates()
    await things.add(Thing("a", "t1"))
    assert await things.get(TenantContext("t2"), "a") is None
    assert await things.get_visible(TenantContext("t2", ("t1",)), "a") is not None
    first = await things.get(TenantContext("t1"), "a")
    second = await things.get(TenantContext("t1"), "a")
    assert first is not None and second is not None
    first.colour = "blue"
    await things.save(first)
    with pytest.raises(Conflict):
        await things.save(second)
    assert [t.colour for t in await things.find(TenantContext("t1"), {"colour": "blue"})] == [
        "blue"
    ]
