"""Percentiles, rates and the closed-loop load pattern every load generator shares."""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Op",
    "OpFailed",
    "closed_loop",
    "errors_of",
    "latency_ms",
    "percentile",
    "rate",
    "summarize_ops",
]


class OpFailed(Exception):
    """A counted failure of one operation, e.g. a non-2xx answer."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Op:
    """One timed operation; times are `time.monotonic()`, comparable across processes."""

    index: int
    started: float
    finished: float
    value: str | None = None
    error_kind: str | None = None
    error_detail: str | None = None

    @property
    def ok(self) -> bool:
        """Return whether the operation succeeded."""
        return self.error_kind is None


async def closed_loop(
    op: Callable[[int], Awaitable[str | None]],
    *,
    count: int,
    concurrency: int,
    time_limit: float,
) -> list[Op]:
    """Run op(0..count-1) on `concurrency` workers; stop issuing new ones at the time limit."""
    indexes = iter(range(count))  # shared: each index is taken by exactly one worker
    deadline = time.monotonic() + time_limit
    ops: list[Op] = []
    async with asyncio.TaskGroup() as group:
        for _ in range(concurrency):
            group.create_task(_worker(op, indexes, deadline, ops))
    return sorted(ops, key=lambda o: o.index)


async def paced_loop(
    op: Callable[[int], Awaitable[str | None]],
    *,
    count: int,
    per_second: float,
    time_limit: float,
) -> list[Op]:
    """Start op(0..count-1) at a fixed rate, whether or not earlier ones have answered."""
    # Open loop: a slow answer does not slow the arrivals, as with real users.
    started = time.monotonic()
    deadline = started + time_limit
    tasks = []
    async with asyncio.TaskGroup() as group:
        for index in range(count):
            due = started + index / per_second
            if due > deadline:
                break
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            tasks.append(group.create_task(_timed(op, index)))
    return [task.result() for task in tasks]


async def _worker(
    op: Callable[[int], Awaitable[str | None]],
    indexes: Iterator[int],
    deadline: float,
    ops: list[Op],
) -> None:
    for index in indexes:
        if time.monotonic() > deadline:
            return
        ops.append(await _timed(op, index))


async def _timed(op: Callable[[int], Awaitable[str | None]], index: int) -> Op:
    started = time.monotonic()
    try:
        value = await op(index)
    except OpFailed as error:
        return Op(index, started, time.monotonic(), None, error.kind, error.detail[:300])
    except Exception as error:  # counted, not fatal: a benchmark reports its errors
        return Op(index, started, time.monotonic(), None, type(error).__name__, str(error)[:300])
    return Op(index, started, time.monotonic(), value)


def percentile(ordered: Sequence[float], q: float) -> float:
    """Return the nearest-rank percentile `q` (0..100) of sorted values."""
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def latency_ms(seconds: Sequence[float], prefix: str) -> dict[str, float | None]:
    """Return p50/p90/p99/max/mean of durations, in milliseconds, keyed `<prefix>_p50_ms`..."""
    keys = ("p50", "p90", "p99", "max", "mean")
    if not seconds:
        return {f"{prefix}_{k}_ms": None for k in keys}
    ordered = sorted(seconds)
    values = [percentile(ordered, 50), percentile(ordered, 90), percentile(ordered, 99)]
    values += [ordered[-1], sum(ordered) / len(ordered)]
    return {f"{prefix}_{k}_ms": round(v * 1000, 2) for k, v in zip(keys, values, strict=True)}


def rate(count: int, seconds: float) -> float | None:
    """Return count per second, or None for an empty interval."""
    return round(count / seconds, 1) if seconds > 0 else None


def errors_of(ops: Sequence[Op]) -> dict[str, Any]:
    """Return failures counted by kind, with a few samples to tell what went wrong."""
    failed = [o for o in ops if not o.ok]
    samples = list(dict.fromkeys(f"{o.error_kind}: {o.error_detail}" for o in failed))[:3]
    return {"by_kind": dict(Counter(str(o.error_kind) for o in failed)), "samples": samples}


def summarize_ops(ops: Sequence[Op], prefix: str) -> dict[str, Any]:
    """Return rates from first start to last finish, and latency percentiles of successes."""
    done = [o for o in ops if o.ok]
    if not ops:
        return {f"{prefix}_per_s": None, f"{prefix}_window_s": None}
    window = max(o.finished for o in ops) - min(o.started for o in ops)
    return {
        f"{prefix}_per_s": rate(len(done), window),
        f"{prefix}_attempts_per_s": rate(len(ops), window),  # failures too: raw answer rate
        f"{prefix}_window_s": round(window, 3),
        **latency_ms([o.finished - o.started for o in done], prefix),
    }
