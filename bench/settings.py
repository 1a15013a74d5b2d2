"""What a benchmark run is asked to do: sizes, concurrency, poll interval and time limits."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FULL", "QUICK", "BenchSettings"]


@dataclass(frozen=True)
class BenchSettings:
    """Sizes and limits shared by every benchmark of one run."""

    n: int
    concurrency: int
    poll_interval: float
    time_limit: float
    quick: bool

    def with_overrides(
        self, *, n: int | None, concurrency: int | None, poll_interval: float | None
    ) -> BenchSettings:
        """Return these settings with the options given on the command line."""
        return BenchSettings(
            n=n or self.n,
            concurrency=concurrency or self.concurrency,
            poll_interval=self.poll_interval if poll_interval is None else poll_interval,
            time_limit=self.time_limit,
            quick=self.quick,
        )


FULL = BenchSettings(n=1000, concurrency=16, poll_interval=0.025, time_limit=300.0, quick=False)
QUICK = BenchSettings(n=100, concurrency=16, poll_interval=0.025, time_limit=60.0, quick=True)
