"""Clocks that tests move or fix, in place of the system clock."""

from datetime import UTC, datetime, timedelta


class ShiftedClock:
    """The system time plus an offset that a test moves forward (deadlines, reminders)."""

    def __init__(self) -> None:
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def timestamp(self) -> float:
        return self.now().timestamp()

    def advance(self, delta: timedelta) -> None:
        """Move this clock's time forward by `delta`."""
        self._offset += delta


class FixedClock:
    """A clock that says the same moment until a test sets or advances it."""

    def __init__(self, at: datetime | None = None) -> None:
        self._at = at or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._at

    def timestamp(self) -> float:
        return self._at.timestamp()

    def advance(self, delta: timedelta) -> None:
        """Move this clock's time forward by `delta`."""
        self._at += delta

    def set(self, at: datetime) -> None:
        """Make this clock say `at` from now on."""
        self._at = at
