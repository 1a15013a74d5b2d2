"""The grants service's movable clock, until the tests can inject one (shared.clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["Clock"]


class Clock:
    """The service's time; deadlines are judged by it, so rehearsals can move it forward."""

    def __init__(self) -> None:
        self._offset = timedelta(0)

    def now(self) -> datetime:
        """Return the current moment (UTC)."""
        return datetime.now(UTC) + self._offset

    def timestamp(self) -> float:
        """Return the current moment in seconds since the epoch."""
        return self.now().timestamp()

    def advance(self, delta: timedelta) -> None:
        """Move the service's time forward (demos and tests of deadlines)."""
        self._offset += delta
