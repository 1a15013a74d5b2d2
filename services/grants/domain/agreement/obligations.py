"""Reports an agreement obliges the organization to hand in, and when they fall due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from services.grants.domain.common.dates import DateRange

__all__ = [
    "FINAL_REPORT_DAYS",
    "REMINDER_DAYS",
    "ObligationStatus",
    "ReportKind",
    "ReportObligation",
    "final_report_due",
    "obligation_status",
    "report_obligations",
]

# The statutory framework agreement gives 30 days after the task ends for the final report.
FINAL_REPORT_DAYS = 30
# How long before the due date the organization is reminded.
REMINDER_DAYS = 7


class ReportKind(StrEnum):
    """Partial (sprawozdanie częściowe) or final (sprawozdanie końcowe)."""

    PARTIAL = "partial"
    FINAL = "final"


class ObligationStatus(StrEnum):
    """Where a report obligation stands on a given day."""

    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    FULFILLED = "fulfilled"


@dataclass(frozen=True)
class ReportObligation:
    """One report to hand in by a due date; `key` is "final" or "partial-<n>"."""

    key: str
    kind: ReportKind
    due_date: date


def final_report_due(task_end: date) -> date:
    """Return the last day to hand in the final report of a task ending on `task_end`."""
    return task_end + timedelta(days=FINAL_REPORT_DAYS)


def report_obligations(
    task_period: DateRange, partial_due_dates: Sequence[date]
) -> list[ReportObligation]:
    """Return the partial reports in date order, then the final report."""
    partial = [
        ReportObligation(f"partial-{number}", ReportKind.PARTIAL, due)
        for number, due in enumerate(sorted(partial_due_dates), start=1)
    ]
    final = ReportObligation("final", ReportKind.FINAL, final_report_due(task_period.end))
    return [*partial, final]


def obligation_status(
    obligation: ReportObligation,
    *,
    today: date,
    fulfilled: bool,
    reminder_days: int = REMINDER_DAYS,
) -> ObligationStatus:
    """Return whether the report is in, overdue, due within the reminder window, or later."""
    if fulfilled:
        return ObligationStatus.FULFILLED
    if today > obligation.due_date:
        return ObligationStatus.OVERDUE
    if today >= obligation.due_date - timedelta(days=reminder_days):
        return ObligationStatus.DUE
    return ObligationStatus.UPCOMING
