"""Working days in Poland: Monday to Friday except statutory public holidays."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

__all__ = ["add_working_days", "easter_sunday", "is_working_day", "polish_public_holidays"]

# The `holidays` package is not installed in this project, so the statutory list of the Act
# on non-working days (ustawa o dniach wolnych od pracy, art. 1) is computed here.
_FIXED = ((1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26))
# Christmas Eve is a public holiday from 2025 on (the December 2024 amendment of that Act).
_CHRISTMAS_EVE_SINCE = 2025
# Epiphany became a public holiday again in 2011.
_EPIPHANY_SINCE = 2011


def easter_sunday(year: int) -> date:
    """Return Western (Gregorian) Easter Sunday by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def polish_public_holidays(year: int) -> frozenset[date]:
    """Return the statutory public holidays of `year` in Poland."""
    days = {date(year, month, day) for month, day in _FIXED}
    if year < _EPIPHANY_SINCE:
        days.discard(date(year, 1, 6))
    if year >= _CHRISTMAS_EVE_SINCE:
        days.add(date(year, 12, 24))
    easter = easter_sunday(year)
    # Easter Sunday, Easter Monday, Pentecost Sunday and Corpus Christi move with Easter.
    days.update(easter + timedelta(days=offset) for offset in (0, 1, 49, 60))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    """Return whether `day` is a working day (not a weekend, not a public holiday)."""
    return day.weekday() < 5 and day not in polish_public_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """Return the day on which `count` working days counted from the day after `start` end."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
