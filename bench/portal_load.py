"""Load generator of the portal benchmark (runs in a child process): pages against direct calls."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

import httpx

from bench.stats import Op, OpFailed, closed_loop

__all__ = ["Call", "LoadPlan", "Target", "load_targets"]


@dataclass(frozen=True)
class Call:
    """One HTTP GET: the base URL, the path and the headers (a token or a session cookie)."""

    base_url: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Target:
    """What one operation is: a portal page (one call) or its backend calls made in order."""

    name: str
    calls: tuple[Call, ...]


@dataclass(frozen=True)
class LoadPlan:
    """Targets measured one after the other, each for `seconds` at `concurrency`."""

    targets: tuple[Target, ...]
    concurrency: int
    seconds: float


async def load_targets(plan: LoadPlan) -> dict[str, list[Op]]:
    """Run each target in a closed loop in turn; return its timed operations by name."""
    limits = httpx.Limits(
        max_connections=plan.concurrency * 4, max_keepalive_connections=plan.concurrency * 4
    )
    found: dict[str, list[Op]] = {}
    async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:
        for target in plan.targets:
            await _warm_up(client, target, plan.concurrency)
            found[target.name] = await closed_loop(
                lambda _, t=target: _operation(client, t),
                count=1_000_000,
                concurrency=plan.concurrency,
                time_limit=plan.seconds,
            )
    return found


async def _operation(client: httpx.AsyncClient, target: Target) -> str:
    for call in target.calls:  # in order, as the portal makes them
        try:
            answer = await client.get(call.base_url + call.path, headers=dict(call.headers))
        except httpx.HTTPError as error:
            raise OpFailed("transport", repr(error)) from error
        if not answer.is_success:
            raise OpFailed("non_2xx", f"{call.path}: {answer.status_code} {answer.text[:200]}")
    return target.name


async def _warm_up(client: httpx.AsyncClient, target: Target, concurrency: int) -> None:
    # Connections are opened before the clock starts: their set-up is not what we measure.
    with contextlib.suppress(OpFailed):
        await asyncio.gather(*(_operation(client, target) for _ in range(concurrency)))
