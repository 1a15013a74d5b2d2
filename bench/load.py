"""HTTP load generator (runs in a child process): POST registrations, time each answer."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import httpx

from bench.payload import organization_body
from bench.stats import Op, OpFailed, closed_loop, paced_loop

__all__ = ["PostPlan", "post_registrations"]


@dataclass(frozen=True)
class PostPlan:
    """How many registrations to POST, where, as whom and how fast."""

    registry_url: str
    token: str
    count: int
    concurrency: int
    time_limit: float
    name_prefix: str
    per_second: float | None = None  # a fixed arrival rate (open loop) instead of a closed loop


async def post_registrations(plan: PostPlan) -> list[Op]:
    """POST `count` registrations, closed loop or at a fixed rate; each Op's value is the id."""
    limits = httpx.Limits(
        max_connections=plan.concurrency, max_keepalive_connections=plan.concurrency
    )
    async with httpx.AsyncClient(
        base_url=plan.registry_url,
        headers={"Authorization": f"Bearer {plan.token}"},
        limits=limits,
        timeout=30.0,
    ) as client:
        # One request before the clock starts: connection set-up is not what we measure.
        with contextlib.suppress(httpx.HTTPError):  # a failure here shows in the POSTs
            await client.get("/healthz")

        async def register(index: int) -> str:
            return await _register(client, plan.name_prefix, index)

        if plan.per_second is not None:
            return await paced_loop(
                register, count=plan.count, per_second=plan.per_second, time_limit=plan.time_limit
            )
        return await closed_loop(
            register, count=plan.count, concurrency=plan.concurrency, time_limit=plan.time_limit
        )


async def _register(client: httpx.AsyncClient, prefix: str, index: int) -> str:
    try:
        response = await client.post("/organizations", json=organization_body(prefix, index))
    except httpx.HTTPError as error:
        raise OpFailed("transport", repr(error)) from error
    if not response.is_success:
        raise OpFailed("non_2xx", f"{response.status_code} {response.text[:200]}")
    return str(response.json()["id"])
