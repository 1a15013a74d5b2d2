"""Periodic jobs that run on one replica at a time (closing on deadlines, reminders, digests)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from pymongo.asynchronous.database import AsyncDatabase

from shared.lease import Lease
from shared.logging import get_logger
from shared.mongo import Document
from shared.tasks import stop_tasks

__all__ = ["PeriodicJob", "run_periodic_jobs"]

log = get_logger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """Work to repeat every `interval`; it must be idempotent (a lease can move mid-run)."""

    name: str
    interval: timedelta
    run: Callable[[], Awaitable[object]]


async def _loop(job: PeriodicJob, lease: Lease) -> None:
    seconds = job.interval.total_seconds()
    while True:
        try:
            if await lease.acquire():
                await job.run()
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.exception("scheduler.job.failed", job=job.name, error=str(error))
        await asyncio.sleep(seconds)


@contextlib.asynccontextmanager
async def run_periodic_jobs(
    database: AsyncDatabase[Document], jobs: Sequence[PeriodicJob]
) -> AsyncIterator[None]:
    """Run the jobs in the background until the block ends; one replica runs each job."""
    tasks = []
    for job in jobs:
        ttl = max(job.interval * 3, timedelta(seconds=15))
        lease = Lease(database, f"job:{job.name}", ttl=ttl)
        tasks.append(asyncio.create_task(_loop(job, lease), name=f"job:{job.name}"))
    try:
        yield
    finally:
        await stop_tasks(tasks)
