"""Calendar days and years as a Polish municipality counts them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["POLISH_TIME", "local_day"]

POLISH_TIME = ZoneInfo("Europe/Warsaw")


def local_day(moment: datetime) -> date:
    """Return the calendar day of `moment` in Poland."""
    return moment.astimezone(POLISH_TIME).date()
