"""Calls the registry benchmarks share: upload a CSV import, follow it, wait for the relay."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from pymongo import AsyncMongoClient

from bench.catalog import BenchContext
from shared.outbox import OUTBOX_COLLECTION

__all__ = ["ImportRun", "officer_client", "outbox_pending", "run_import", "wait_outbox_drained"]

Document = dict[str, Any]


def officer_client(ctx: BenchContext, tenant_id: str, timeout: float = 300.0) -> httpx.AsyncClient:
    """Return a client of the registry acting as an officer of `tenant_id`."""
    return httpx.AsyncClient(
        base_url=ctx.stack.url("registry"),
        headers={"Authorization": f"Bearer {ctx.officer_token(tenant_id)}"},
        timeout=timeout,
    )


@dataclass
class ImportRun:
    """One CSV import as the officer saw it: times (monotonic) and the progress polled."""

    rows: int
    started: float = 0.0
    accepted: float = 0.0  # the 202 arrived: the file is stored, the job queued
    finished: float | None = None  # first poll that saw state "done"
    job: Document = field(default_factory=dict)
    progress: list[tuple[float, int]] = field(default_factory=list)  # (time, processed_rows)
    poll_errors: int = 0

    @property
    def done(self) -> bool:
        """Return whether the job reached state done."""
        return self.job.get("state") == "done"


async def run_import(
    client: httpx.AsyncClient, data: bytes, rows: int, *, deadline: float, interval: float = 0.5
) -> ImportRun:
    """Upload `data` as CSV and poll until the job is done or `deadline` (monotonic) passes."""
    run = ImportRun(rows=rows, started=time.monotonic())
    answer = await client.post("/imports", content=data, headers={"Content-Type": "text/csv"})
    run.accepted = time.monotonic()
    if answer.status_code != 202:
        raise RuntimeError(f"import refused: {answer.status_code} {answer.text[:300]}")
    run.job = answer.json()
    while not run.done and time.monotonic() < deadline:
        await asyncio.sleep(interval)
        try:
            response = await client.get(f"/imports/{run.job['id']}")
        except httpx.HTTPError:
            run.poll_errors += 1
            continue
        if not response.is_success:
            run.poll_errors += 1
            continue
        run.job = response.json()
        run.progress.append((time.monotonic(), int(run.job["processed_rows"])))
        if run.done:
            run.finished = time.monotonic()
    return run


async def outbox_pending(uri: str, database: str) -> int:
    """Return how many committed events of a service wait for the relay."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(uri, tz_aware=True)
    try:
        return await client[database][OUTBOX_COLLECTION].count_documents({})
    finally:
        await client.close()


async def wait_outbox_drained(uri: str, database: str, *, within: float) -> float | None:
    """Wait until the outbox is empty; return the seconds waited, or None after `within` s."""
    started = time.monotonic()
    client: AsyncMongoClient[Document] = AsyncMongoClient(uri, tz_aware=True)
    try:
        outbox = client[database][OUTBOX_COLLECTION]
        while time.monotonic() - started < within:
            # find_one, not a count: on NX-27017 counting 100,000 pending events takes seconds.
            if await outbox.find_one({}, projection={"_id": 1}) is None:
                return round(time.monotonic() - started, 2)
            await asyncio.sleep(0.5)
    finally:
        await client.close()
    return None
