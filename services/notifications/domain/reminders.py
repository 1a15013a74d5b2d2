"""Durable timers: a notice to deliver at a moment, under a key that fires it once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.notifications.domain.notice import Notice

__all__ = ["Reminder", "ReminderState", "local_start", "schedule"]


class ReminderState(StrEnum):
    """Whether a timer still waits."""

    PENDING = "pending"
    FIRED = "fired"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Reminder:
    """Deliver `notice` at `due_at`; `key` is the notice's, so a timer and an event that tell
    the same fact deliver it once."""

    key: str
    tenant_id: str
    subject_id: str
    due_at: datetime
    notice: Notice

    def fired_at(self, now: datetime) -> Notice:
        """Return the notice as delivered when the timer fires."""
        return replace(self.notice, occurred_at=now)


def schedule(
    notice: Notice, *, subject_id: str, deadline: datetime, before: timedelta, known_at: datetime
) -> Reminder | None:
    """Return a timer `before` the deadline, or None when there is nothing to remind of.

    A deadline announced already inside the window needs no reminder: the announcement
    itself told it. A timer learned late (the service was away) fires at once.
    """
    due = deadline - before
    if deadline <= known_at or due < known_at - timedelta(minutes=1):
        return None
    return Reminder(
        key=notice.key,
        tenant_id=notice.tenant_id,
        subject_id=subject_id,
        due_at=due,
        notice=notice,
    )


def local_start(day: date, zone: ZoneInfo) -> datetime:
    """Return the first moment of a day in a time zone."""
    return datetime.combine(day, time(0, 0), tzinfo=zone)
