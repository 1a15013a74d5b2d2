"""HTTP load generator (runs in a child process): GET search pages, time each answer."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

import httpx

from bench.stats import Op, OpFailed, closed_loop

__all__ = ["SearchPlan", "get_searches"]


@dataclass(frozen=True)
class SearchPlan:
    """Which search URLs to GET, where, how many and how fast.

    Request i GETs `paths[i % len(paths)]`: both endpoints get the same sequence.
    """

    base_url: str
    paths: tuple[tuple[str, str], ...]  # (kind, path with query string)
    count: int
    concurrency: int
    time_limit: float


async def get_searches(plan: SearchPlan) -> list[Op]:
    """GET `count` search pages with `concurrency` connections; each Op's value is its kind."""
    limits = httpx.Limits(
        max_connections=plan.concurrency, max_keepalive_connections=plan.concurrency
    )
    async with httpx.AsyncClient(base_url=plan.base_url, limits=limits, timeout=30.0) as client:
        # Two rounds of requests on every connection before the clock starts: connection
        # set-up is not what we measure.
        for start in (0, plan.concurrency):
            await asyncio.gather(
                *(
                    _quietly(client, plan.paths[(start + k) % len(plan.paths)][1])
                    for k in range(plan.concurrency)
                )
            )

        async def search(index: int) -> str:
            kind, path = plan.paths[index % len(plan.paths)]
            try:
                response = await client.get(path)
            except httpx.HTTPError as error:
                raise OpFailed("transport", repr(error)) from error
            if not response.is_success:
                raise OpFailed("non_2xx", f"{response.status_code} {response.text[:200]}")
            return kind

        return await closed_loop(
            search, count=plan.count, concurrency=plan.concurrency, time_limit=plan.time_limit
        )


async def _quietly(client: httpx.AsyncClient, path: str) -> None:
    with contextlib.suppress(httpx.HTTPError):  # a failure here shows in the measured GETs
        await client.get(path)
