"""Whether a report on a public task came in on time, from what grants announced about it."""

from __future__ import annotations

from datetime import date, datetime

from services.consultations.domain.common.polish_time import local_day

__all__ = ["submitted_on_time"]


def submitted_on_time(
    submitted_at: datetime, *, due_on: date | None, overdue_noticed: bool
) -> bool:
    """Return whether a report handed in at `submitted_at` met its due day.

    Grants announces the final report's due day when the agreement is signed and a partial
    report's only when it falls due; without a known day, a report is late only if grants
    already declared it overdue.
    """
    if due_on is not None:
        return local_day(submitted_at) <= due_on
    return not overdue_noticed
