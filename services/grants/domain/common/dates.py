"""Date ranges and the Polish calendar day of a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from shared.errors import InvalidInput

__all__ = ["POLAND", "DateRange", "add_years", "date_range", "local_date", "require_aware"]

# Statutory day counts (21 days, 30 days, 7 days) run in the municipality's calendar.
POLAND = ZoneInfo("Europe/Warsaw")
Day = TypeVar("Day", date, datetime)


def require_aware(moment: datetime, field: str) -> datetime:
    """Return `moment` if it carries a time zone, else raise InvalidInput naming `field`."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInput.for_field(
            field,
            "Podaj czas ze strefą czasową.",
            "Give the time with its time zone.",
            "datetime-naive",
        )
    return moment


def add_years(day: Day, years: int) -> Day:
    """Return the same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def local_date(moment: datetime) -> date:
    """Return the calendar day in Poland of an aware moment."""
    return moment.astimezone(POLAND).date()


@dataclass(frozen=True)
class DateRange:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"range ends before it starts: {self.start}..{self.end}")

    @property
    def days(self) -> int:
        """Return the number of days in the range, both ends counted."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Return whether `day` falls inside the range."""
        return self.start <= day <= self.end

    def covers(self, other: DateRange) -> bool:
        """Return whether `other` lies entirely inside this range."""
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def date_range(start: date, end: date, field: str) -> DateRange:
    """Return the range or raise InvalidInput naming `field` when it ends before it starts."""
    if end < start:
        raise InvalidInput.for_field(
            field,
            "Data zakończenia jest wcześniejsza niż data rozpoczęcia.",
            "The end date is before the start date.",
            "date-range-reversed",
        )
    return DateRange(start, end)
