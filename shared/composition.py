"""A service's object graph, built once by its `bootstrap.py`, and running its background work."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from shared.runtime import Effects, Runtime
from shared.scheduler import PeriodicJob, run_periodic_jobs
from shared.search.projector import IndexFollower
from shared.tasks import stop_tasks

__all__ = ["Bootstrap", "Composition", "Effects", "Worker", "running"]

T = TypeVar("T")


class Worker(Protocol):
    """Background work every replica runs until stopped (outbound e-mail, webhooks, imports)."""

    @property
    def name(self) -> str:
        """Name the worker's task (logs, task dumps)."""
        ...

    async def run_forever(self) -> None:
        """Work until cancelled."""
        ...


@dataclass(frozen=True)
class Composition(Generic[T]):
    """What a service's bootstrap built: use cases for routes and everything that runs beside."""

    services: T  # becomes `app.state.services`, which the routes' dependencies read
    handlers: Effects = field(default_factory=dict)
    startup: Sequence[Callable[[], Awaitable[object]]] = ()  # backfills, demo data: in order
    workers: Sequence[Worker] = ()  # on every replica
    jobs: Sequence[PeriodicJob] = ()  # on one replica at a time
    search_indexes: Sequence[IndexFollower[Any]] = ()
    closers: Sequence[Callable[[], Awaitable[object]]] = ()


Bootstrap = Callable[[Runtime[Any]], Composition[Any]]


@contextlib.asynccontextmanager
async def running(runtime: Runtime[Any], composition: Composition[Any]) -> AsyncIterator[None]:
    """Run the startup steps, then the search followers, workers and jobs; stop all at the end."""
    try:
        for step in composition.startup:
            await step()
        tasks = [
            asyncio.create_task(f.run_forever(), name=f"search-{f.name}")
            for f in composition.search_indexes
        ]
        tasks += [asyncio.create_task(w.run_forever(), name=w.name) for w in composition.workers]
        try:
            async with run_periodic_jobs(runtime.database, composition.jobs):
                yield
        finally:
            await stop_tasks(tasks)
    finally:
        for close in composition.closers:
            with contextlib.suppress(Exception):
                await close()
