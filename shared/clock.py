"""The one source of the current time, injected into use cases, workers and jobs."""

import time
from datetime import UTC, datetime
from typing import Protocol

__all__ = ["SYSTEM_CLOCK", "Clock", "SystemClock"]


class Clock(Protocol):
    """Tells the current moment; tests pass one they can move or fix."""

    def now(self) -> datetime:
        """Return the current moment as an aware UTC datetime."""
        ...

    def timestamp(self) -> float:
        """Return the current moment in seconds since the epoch (for stored floats)."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        """Return the current moment as an aware UTC datetime."""
        return datetime.now(UTC)

    def timestamp(self) -> float:
        """Return the current moment in seconds since the epoch."""
        return time.time()


SYSTEM_CLOCK: Clock = SystemClock()
