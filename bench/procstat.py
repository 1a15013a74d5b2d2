"""Resident memory and CPU time of a process, sampled while a benchmark runs."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ProcessSampler", "cpu_seconds", "rss_bytes", "source"]

_TICKS = os.sysconf("SC_CLK_TCK")
_MB = 1 << 20

try:  # psutil when the venv has it, /proc otherwise (Linux)
    _psutil: Any = importlib.import_module("psutil")
except ImportError:
    _psutil = None


def source() -> str:
    """Return where the figures come from, for the report."""
    return "psutil" if _psutil is not None else "/proc/<pid>/status VmRSS, /proc/<pid>/stat"


def rss_bytes(pid: int) -> int | None:
    """Return the resident set size of `pid`, or None when it is gone."""
    if _psutil is not None:
        with contextlib.suppress(_psutil.Error):
            return int(_psutil.Process(pid).memory_info().rss)
        return None
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return None


def cpu_seconds(pid: int) -> float | None:
    """Return user + system CPU seconds `pid` used so far, or None when it is gone."""
    if _psutil is not None:
        with contextlib.suppress(_psutil.Error):
            times = _psutil.Process(pid).cpu_times()
            return float(times.user + times.system)
        return None
    with contextlib.suppress(OSError, ValueError, IndexError):
        # The command name may hold spaces: fields are counted after its closing parenthesis.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    return None


@dataclass
class ProcessSampler:
    """Samples RSS of a process every `interval` seconds between start() and stop()."""

    pid: int
    interval: float = 0.1
    samples: list[tuple[float, int]] = field(default_factory=list)
    baseline: int | None = None
    cpu_start: float | None = None
    cpu_end: float | None = None
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Note the baseline RSS and CPU time now, then keep sampling in the background."""
        self.baseline = rss_bytes(self.pid)
        self.cpu_start = cpu_seconds(self.pid)
        self._task = asyncio.create_task(self._run(), name=f"rss-{self.pid}")

    async def stop(self) -> None:
        """Stop sampling; take one last sample."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._sample()
        self.cpu_end = cpu_seconds(self.pid)

    async def _run(self) -> None:
        while True:
            self._sample()
            await asyncio.sleep(self.interval)

    def _sample(self) -> None:
        if (rss := rss_bytes(self.pid)) is not None:
            self.samples.append((time.monotonic(), rss))

    def summary(self, prefix: str) -> dict[str, float | int | None]:
        """Return baseline, peak, growth and end RSS in MB, CPU seconds and sample count."""
        peak = max((rss for _, rss in self.samples), default=None)
        end = self.samples[-1][1] if self.samples else None
        cpu = None
        if self.cpu_start is not None and self.cpu_end is not None:
            cpu = round(self.cpu_end - self.cpu_start, 2)
        return {
            f"{prefix}_rss_baseline_mb": _mb(self.baseline),
            f"{prefix}_rss_peak_mb": _mb(peak),
            f"{prefix}_rss_growth_mb": _mb(peak - self.baseline)
            if peak is not None and self.baseline is not None
            else None,
            f"{prefix}_rss_end_mb": _mb(end),
            f"{prefix}_cpu_s": cpu,
            f"{prefix}_rss_samples": len(self.samples),
        }


def _mb(value: int | None) -> float | None:
    return None if value is None else round(value / _MB, 1)
