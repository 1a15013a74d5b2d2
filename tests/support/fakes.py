"""In-memory fakes of the transaction runner and aggregate storage for fast use-case tests.

In the manner of cosmicpython's `tests/unit/fakes.py`: duck-typed stand-ins with the same
methods the use cases call, so the rules are checked without MongoDB or Kafka. A service's
own stores get their fakes beside its tests (`tests/<svc>/fakes.py`), built on these.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from shared.aggregates import AggregateRepository
from shared.contracts.base import EventContract
from shared.errors import Conflict
from shared.tenancy import TenantContext

__all__ = [
    "FakeTransaction",
    "FakeTransactionRunner",
    "InMemoryAggregates",
    "RecordedEvent",
    "Snapshotted",
]

T = TypeVar("T")
A = TypeVar("A")
_event_ids = itertools.count(1)


@dataclass(frozen=True)
class RecordedEvent:
    """An event a use case put in the outbox, with the tenant it was emitted under."""

    id: str
    event: EventContract
    tenant: TenantContext


class FakeTransaction:
    """Collects what a unit of work emits; `session` is None, as fakes ignore it."""

    session: None = None

    def __init__(self) -> None:
        self.outbox: list[RecordedEvent] = []
        self.subjects: list[str] = []
        self.undo: list[Callable[[], None]] = []

    @property
    def emitted(self) -> int:
        return len(self.outbox)

    async def emit(self, event: EventContract, *, tenant: TenantContext) -> str:
        event_id = f"event-{next(_event_ids)}"
        self.outbox.append(RecordedEvent(event_id, event, tenant))
        self.subjects.append(event.key())  # as the real transaction: the aggregate's key
        return event_id

    async def emit_many(self, events: list[tuple[EventContract, TenantContext]]) -> None:
        for event, tenant in events:
            await self.emit(event, tenant=tenant)

    def about(self, aggregate_id: str) -> None:
        self.subjects.append(aggregate_id)

    def if_aborted(self, undo: Callable[[], None]) -> None:
        self.undo.append(undo)

    def aborted(self) -> None:
        undo, self.undo = self.undo, []
        for step in reversed(undo):
            step()


class Snapshotted:
    """A fake store whose state a failed fake transaction rolls back."""

    def snapshot(self) -> Any:
        """Return a deep copy of the state a rollback restores."""
        return copy.deepcopy(self.__dict__)

    def restore(self, state: Any) -> None:
        """Put back the state of an earlier snapshot."""
        self.__dict__.clear()
        self.__dict__.update(state)


class FakeTransactionRunner:
    """Runs units of work; commits their events on return, rolls the given stores back on error."""

    def __init__(self, *stores: Snapshotted, retries: int = 0) -> None:
        self.stores = list(stores)
        self.committed: list[RecordedEvent] = []
        self.runs = 0
        # Attempts to roll back and run again before committing, as a transient error would.
        self.retries = retries

    def track(self, *stores: Snapshotted) -> None:
        """Roll `stores` back too when a unit of work fails."""
        self.stores.extend(stores)

    async def run(self, work: Callable[[FakeTransaction], Awaitable[T]]) -> T:
        self.runs += 1
        for _ in range(self.retries):  # attempts a transient error rolls back before a commit
            states, transaction = self._begin()
            await work(transaction)
            self._roll_back(states, transaction)
        states, transaction = self._begin()
        try:
            result = await work(transaction)
        except BaseException:
            self._roll_back(states, transaction)
            raise
        self.committed.extend(transaction.outbox)
        return result

    def _begin(self) -> tuple[list[Any], FakeTransaction]:
        return [store.snapshot() for store in self.stores], FakeTransaction()

    def _roll_back(self, states: list[Any], transaction: FakeTransaction) -> None:
        for store, state in zip(self.stores, states, strict=True):
            store.restore(state)
        transaction.aborted()

    def events(self, kind: type[EventContract] | None = None) -> list[EventContract]:
        """Return the committed events, of one contract class if given."""
        return [r.event for r in self.committed if kind is None or isinstance(r.event, kind)]

    def tenants_of(self, kind: type[EventContract]) -> list[str]:
        """Return the tenant each committed event of `kind` was emitted under."""
        return [r.tenant.tenant_id for r in self.committed if isinstance(r.event, kind)]


@dataclass
class InMemoryAggregates(Snapshotted, Generic[A]):
    """Aggregates by id with the tenancy, versioning and 409 of `AggregateRepository`.

    `find` matches `query` keys against attributes of the aggregate (equality, or membership
    for a `{"$in": [...]}` value); a service's fake overrides its own query methods.
    """

    items: dict[str, A] = field(default_factory=dict)

    async def add(self, aggregate: A, session: Any = None) -> None:
        key = aggregate.id  # type: ignore[attr-defined]
        if key in self.items:
            raise AssertionError(f"duplicate key {key}")
        self.items[key] = copy.deepcopy(aggregate)

    async def save(self, aggregate: A, session: Any = None) -> None:
        stored = self.items.get(aggregate.id)  # type: ignore[attr-defined]
        expected = aggregate.version  # type: ignore[attr-defined]
        if stored is None or stored.version != expected:  # type: ignore[attr-defined]
            raise Conflict(detail=AggregateRepository.stale, extra={"reason": "stale"})
        aggregate.version = expected + 1  # type: ignore[attr-defined]
        self.items[aggregate.id] = copy.deepcopy(aggregate)  # type: ignore[attr-defined]

    async def get(self, tenant: TenantContext, aggregate_id: str, session: Any = None) -> A | None:
        found = self.items.get(aggregate_id)
        if found is None or found.tenant_id != tenant.tenant_id:  # type: ignore[attr-defined]
            return None
        return self._fresh(found)

    async def get_visible(self, tenant: TenantContext, aggregate_id: str) -> A | None:
        found = self.items.get(aggregate_id)
        if found is None or found.tenant_id not in tenant.visible_tenant_ids:  # type: ignore[attr-defined]
            return None
        return self._fresh(found)

    async def find(self, tenant: TenantContext, query: Mapping[str, Any], **_: Any) -> list[A]:
        return self._matching(query, (tenant.tenant_id,))

    async def find_visible(
        self, tenant: TenantContext, query: Mapping[str, Any], **_: Any
    ) -> list[A]:
        return self._matching(query, tenant.visible_tenant_ids)

    async def find_across_tenants(self, query: Mapping[str, Any], **_: Any) -> list[A]:
        return self._matching(query, None)

    def listed(self, tenant: TenantContext) -> Callable[[list[str]], Awaitable[dict[str, A]]]:
        async def load(ids: list[str]) -> dict[str, A]:
            found = (self.items.get(i) for i in ids)
            return {
                a.id: self._fresh(a)  # type: ignore[attr-defined]
                for a in found
                if a is not None and a.tenant_id == tenant.tenant_id  # type: ignore[attr-defined]
            }

        return load

    async def every(self, batch: int = 1000) -> AsyncIterator[A]:
        for key in sorted(self.items):
            yield self._fresh(self.items[key])

    def all(self) -> list[A]:
        """Return every stored aggregate (for assertions)."""
        return [self._fresh(a) for a in self.items.values()]

    def _matching(self, query: Mapping[str, Any], tenants: Iterable[str] | None) -> list[A]:
        allowed = None if tenants is None else set(tenants)
        return [
            self._fresh(a)
            for key, a in sorted(self.items.items())
            if (allowed is None or a.tenant_id in allowed)  # type: ignore[attr-defined]
            and all(_matches(getattr(a, name, None), want) for name, want in query.items())
        ]

    @staticmethod
    def _fresh(aggregate: A) -> A:
        fresh = copy.deepcopy(aggregate)
        if hasattr(fresh, "events"):
            fresh.events = []  # type: ignore[attr-defined]
        return fresh


def _matches(value: Any, want: Any) -> bool:
    if isinstance(want, Mapping) and "$in" in want:
        return value in want["$in"]
    return bool(value == want)
