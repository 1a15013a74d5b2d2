"""The machine and the stack a run measures: started here, in a temporary directory."""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.procstat import cpu_seconds
from deploy.local.stack import SERVICES, LocalStack

__all__ = [
    "bench_stack",
    "code_version",
    "exited_processes",
    "machine_info",
    "settle",
    "stack_cpu",
    "stack_pids",
]

log = logging.getLogger(__name__)
REPOSITORY = Path(__file__).resolve().parents[1]
# The load comes from one address: the rate limits would measure themselves, not the service.
UNLIMITED = {
    f"{service.upper()}_RATE_LIMIT_{bucket}": "1000000/minute"
    for service in SERVICES
    for bucket in ("WRITES", "PUBLIC_READS", "EXPORTS")
}


# Ready is not settled: after /readyz a service still loads the Polish dictionary of its
# search indexes (seconds of CPU each), and a benchmark's tail (consumers catching up) is
# not the next one's load. Figures are of the steady state, so each benchmark waits until
# the stack's processes together use less than this share of one core.
SETTLED_CORES = 0.3
SETTLE_WINDOW = 1.0
SETTLE_TIMEOUT = 60.0


@contextlib.contextmanager
def bench_stack(
    *, keep: bool = False, services: tuple[str, ...] = SERVICES
) -> Iterator[tuple[LocalStack, float]]:
    """Start embedded servers and `services`; stop them all however the run ends."""
    directory = Path(tempfile.mkdtemp(prefix="ngo-bench-"))
    started = time.monotonic()
    try:
        with LocalStack(directory, extra_env=UNLIMITED) as stack:  # stops all on exit
            stack.start(names=services)
            log.info("stack up in %.1fs under %s", time.monotonic() - started, directory)
            yield stack, time.monotonic() - started
    finally:
        if keep:
            log.info("kept logs and data under %s", directory)
        else:
            shutil.rmtree(directory, ignore_errors=True)


def settle(pids: list[int]) -> float:
    """Wait until `pids` together idle (or the timeout passes); return the seconds waited."""
    started, quiet = time.monotonic(), 0
    # Two quiet windows in a row: the services load their dictionaries one after another.
    while quiet < 2 and time.monotonic() - started < SETTLE_TIMEOUT:
        before = _cpu_of(pids)
        time.sleep(SETTLE_WINDOW)
        quiet = quiet + 1 if (_cpu_of(pids) - before) / SETTLE_WINDOW < SETTLED_CORES else 0
    return time.monotonic() - started


def _cpu_of(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) or 0.0 for pid in pids)


def stack_pids(stack: LocalStack) -> list[int]:
    """Return the process ids of the stack's services and servers."""
    return [process.pid for process in _processes(stack).values()]


def stack_cpu(stack: LocalStack) -> dict[str, float]:
    """Return the CPU seconds each of the stack's services and servers used so far."""
    return {name: cpu_seconds(process.pid) or 0.0 for name, process in _processes(stack).items()}


def exited_processes(stack: LocalStack) -> dict[str, int]:
    """Return the stack's services and servers that are no longer running, with exit codes."""
    return {
        name: code
        for name, process in _processes(stack).items()
        if (code := process.poll()) is not None
    }


def _processes(stack: LocalStack) -> dict[str, subprocess.Popen[bytes]]:
    processes = {name: service.process for name, service in stack.services.items()}
    processes.update({s.name: s.process for s in (stack.kafka, stack.mongodb) if s is not None})
    return processes


def machine_info() -> dict[str, Any]:
    """Return what the figures depend on: cores, CPU, memory, OS, Python, current load."""
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "cpu": _cpu_model(),
        "memory_gib": _memory_gib(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
    }


def code_version() -> dict[str, Any]:
    """Return the commit measured and whether the working tree had changes."""

    def git(*args: str) -> str:
        answer = subprocess.run(
            ["git", *args], cwd=REPOSITORY, capture_output=True, text=True, check=False
        )
        return answer.stdout.strip()

    return {"commit": git("rev-parse", "HEAD") or None, "dirty": bool(git("status", "--porcelain"))}


def _cpu_model() -> str | None:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or None


def _memory_gib() -> float | None:
    with contextlib.suppress(ValueError, OSError):
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return None
