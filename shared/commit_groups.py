"""Group commit: units of work that queue behind a serialized transaction commit together.

On NX-27017 a process runs one transaction at a time (`TransactionRunner(serial=True)`), and
every command in it is a round trip that all other transactions wait for. Requests that arrive
while one transaction runs would each wait for a transaction of their own; instead, the next
transaction runs all of them, one after the other, and their held writes (`write_behind`) go
in one command per collection at its end. Each unit still sees every earlier unit's direct
writes, so what a unit checks by reading stays true. If a unit is refused by a rule of its
own, the group is rolled back, the unit keeps its answer (the one it would get after the units
before it) and the others run again as a group; after any other failure each unit runs again
in a transaction of its own. Either way a failure is its unit's alone.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from prometheus_client import Histogram

from shared.logging import get_logger

__all__ = ["GROUP_LIMIT", "CommitGroups", "Unit"]

T = TypeVar("T")
log = get_logger(__name__)
# Bounds one transaction's size, and the work redone when a group falls back to its units.
GROUP_LIMIT = 32
GROUP_UNITS = Histogram(
    "transaction_group_units",
    "Units of work committed per serialized transaction (group commit)",
    buckets=(1, 2, 4, 8, 16, 32, 64),
)


@dataclass(eq=False)
class Unit(Generic[T]):
    """One caller's unit of work, run in the caller's context, and where its outcome goes."""

    work: Callable[[Any], Awaitable[T]]
    context: contextvars.Context = field(default_factory=contextvars.copy_context)
    outcome: asyncio.Future[T] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )

    def run(self, body: Awaitable[Any]) -> asyncio.Task[Any]:
        """Run `body` as a task in the caller's context (its correlation id, its hooks)."""
        return asyncio.create_task(_awaited(body), context=self.context)

    def settle(self, result: Any = None, error: BaseException | None = None) -> None:
        """Hand the caller its result or error, unless it stopped waiting."""
        if self.outcome.done():
            return
        if error is not None:
            self.outcome.set_exception(error)
        else:
            self.outcome.set_result(result)


async def _awaited(body: Awaitable[T]) -> T:
    return await body


class CommitGroups:
    """Queues units of work; one task at a time commits them in groups of up to `limit`."""

    def __init__(
        self, commit: Callable[[list[Unit[Any]]], Awaitable[None]], *, limit: int = GROUP_LIMIT
    ) -> None:
        self._commit = commit
        self._limit = limit
        self._waiting: deque[Unit[Any]] = deque()
        self._leader: asyncio.Task[None] | None = None

    async def submit(self, work: Callable[[Any], Awaitable[T]]) -> T:
        """Queue `work`, wait until the group that ran it committed, and return its result."""
        unit: Unit[T] = Unit(work)
        self._waiting.append(unit)
        if self._leader is None or self._leader.done():
            self._leader = asyncio.create_task(self._lead(), name="commit-groups")
        # A caller that stops waiting leaves its unit queued: it is skipped if not yet begun.
        return await unit.outcome

    async def _lead(self) -> None:
        while self._waiting:
            group = self._next_group()
            if not group:
                continue
            GROUP_UNITS.observe(len(group))
            try:
                await self._commit(group)
            except BaseException as error:  # cancelled at shutdown, or a bug: nobody hangs
                for unit in [*group, *self._waiting]:
                    unit.settle(error=_as_failure(error))
                self._waiting.clear()
                raise

    def _next_group(self) -> list[Unit[Any]]:
        group: list[Unit[Any]] = []
        while self._waiting and len(group) < self._limit:
            unit = self._waiting.popleft()
            if not unit.outcome.done():
                group.append(unit)
        return group


def _as_failure(error: BaseException) -> BaseException:
    if isinstance(error, asyncio.CancelledError):
        return RuntimeError("the transaction group was cancelled (the service is stopping)")
    return error
