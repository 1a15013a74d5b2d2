"""Single-client reads (runs in a child process): GET each request in turn, time every answer."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import httpx

from bench.stats import percentile

__all__ = ["Request", "SerialPlan", "get_serially"]

WARM_UP = 2  # rounds before the clock: connection set-up and first-use caches are not measured


@dataclass(frozen=True)
class Request:
    """One labelled GET, with its own headers (a token, for an officer's list)."""

    label: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SerialPlan:
    """Where to send which requests, and how many rounds of all of them."""

    base_url: str
    requests: tuple[Request, ...]
    repeats: int


async def get_serially(plan: SerialPlan) -> dict[str, dict[str, float | int]]:
    """GET the requests round by round, one at a time; return p50/p95/max ms and items per label."""
    seconds: dict[str, list[float]] = {r.label: [] for r in plan.requests}
    items: dict[str, int] = {}
    async with httpx.AsyncClient(base_url=plan.base_url, timeout=60.0) as client:
        # Round by round, not label by label: a drift of the shared machine hits every label.
        for round_number in range(WARM_UP + plan.repeats):
            for request in plan.requests:
                started = time.perf_counter()
                answer = await client.get(request.path, headers=request.headers)
                took = time.perf_counter() - started
                answer.raise_for_status()
                if round_number >= WARM_UP:
                    seconds[request.label].append(took)
                body = answer.json()
                items[request.label] = len(body["items"] if isinstance(body, dict) else body)
    return {label: _figures(values, items[label]) for label, values in seconds.items()}


def _figures(values: list[float], items: int) -> dict[str, float | int]:
    ordered = sorted(values)
    return {
        "p50_ms": round(percentile(ordered, 50) * 1000, 1),
        "p95_ms": round(percentile(ordered, 95) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "items": items,
    }
