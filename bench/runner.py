"""Run the chosen benchmarks one after another, each bounded in time, and gather a report."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from bench.catalog import BenchContext, Benchmark, Result, load, services_for
from bench.environment import (
    bench_stack,
    code_version,
    exited_processes,
    machine_info,
    settle,
    stack_pids,
)
from bench.report import comparisons, warnings
from bench.settings import BenchSettings

__all__ = ["benchmark_names", "run"]

log = logging.getLogger(__name__)
GRACE = 30.0  # beyond a benchmark's own time limit, for its clean-up


def run(settings: BenchSettings, names: Sequence[str], *, keep: bool = False) -> dict[str, Any]:
    """Start the stacks, run the benchmarks, stop everything; return the report."""
    started_at, clock = datetime.now(UTC), time.monotonic()
    report: dict[str, Any] = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "machine": machine_info(),
        "code": code_version(),
        "settings": dataclasses.asdict(settings),
        "stacks": [],
        "benchmarks": {},
    }
    for group in _stack_groups(names):
        services = services_for(group)
        with bench_stack(keep=keep, services=services) as (stack, startup):
            stack_report = {"benchmarks": group, "services": list(services), "startup_s": startup}
            report["stacks"].append({k: _rounded(v) for k, v in stack_report.items()})
            context = BenchContext(stack, settings)
            report["benchmarks"].update(asyncio.run(_run_all(context, group)))
    report["comparisons"] = comparisons(report["benchmarks"])
    report["warnings"] = warnings(report["benchmarks"])
    report["total_s"] = round(time.monotonic() - clock, 1)
    report["load_average_at_end"] = [round(v, 2) for v in os.getloadavg()]
    return report


def _stack_groups(names: Sequence[str]) -> list[list[str]]:
    """Return the benchmarks by stack: the shared ones first, then each isolated service set."""
    benchmarks = load()
    groups: dict[tuple[str, ...] | None, list[str]] = {None: []}
    for name in names:
        bench = benchmarks[name]
        groups.setdefault(bench.services if bench.isolated else None, []).append(name)
    return [group for group in groups.values() if group]


def _rounded(value: Any) -> Any:
    return round(value, 1) if isinstance(value, float) else value


async def _run_all(context: BenchContext, names: Sequence[str]) -> dict[str, Result]:
    benchmarks = load()
    return {name: await _run_one(benchmarks[name], context) for name in names}


async def _run_one(bench: Benchmark, context: BenchContext) -> Result:
    log.info("%s: %s", bench.name, bench.summary)
    if bench.time_limit is not None and not context.settings.quick:
        context = context.with_time_limit(bench.time_limit)
    # From a quiet stack: see bench.environment.SETTLED_CORES.
    settled = await asyncio.to_thread(settle, stack_pids(context.stack))
    started = time.monotonic()
    try:
        async with asyncio.timeout(context.settings.time_limit + GRACE):
            result = {"status": "ok", **await bench.run(context)}
    except TimeoutError:
        result = {"status": "timeout", "error": f"over {context.settings.time_limit + GRACE}s"}
    except Exception as error:  # one failed benchmark must not cost the others' results
        log.exception("%s failed", bench.name)
        result = {"status": "failed", "error": f"{type(error).__name__}: {error}"}
    result["settled_before_s"] = round(settled, 1)
    result["duration_s"] = round(time.monotonic() - started, 2)
    result["time_limit_s"] = context.settings.time_limit
    if exited := exited_processes(context.stack):
        result["stack_exited"] = exited  # later figures are void: say so next to them
    log.info("%s: %s in %.1fs", bench.name, result["status"], result["duration_s"])
    return result


def benchmark_names() -> list[str]:
    """Return the registered benchmarks in run order."""
    return list(load())
