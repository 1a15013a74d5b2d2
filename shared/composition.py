"""A service's object graph, built once by its `bootstrap.py`, and running its background work."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from pymongo.asynchronous.database import AsyncDatabase

from shared.mongo import Document
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
async def running(
    composition: Composition[T], database: AsyncDatabase[Document] | None = None
) -> AsyncIterator[T]:
    """Run the startup steps, then followers, workers and jobs; yield the services; stop all.

    Periodic jobs take their leases in `database` (a composition with jobs needs one).
    """
    if composition.jobs and database is None:
        raise ValueError("periodic jobs need a database for their leases")
    try:
        for step in composition.startup:
            await step()
        tasks = [
            asyncio.create_task(f.run_forever(), name=f"search-{f.name}")
            for f in composition.search_indexes
        ]
        tasks += [asyncio.create_task(w.run_forever(), name=w.name) for w in composition.workers]
        try:
            if database is None:
                yield composition.services
            else:
                async with run_periodic_jobs(database, composition.jobs):
                    yield composition.services
        finally:
            await stop_tasks(tasks)
    finally:
        for close in composition.closers:
            with contextlib.suppress(Exception):
                await close()
