"""Advice on a consultation's timetable: warnings the officer sees, never errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from services.consultations.domain.common.polish_time import local_day
from services.consultations.domain.consultation.terms import ConsultationKind, ConsultationTerms
from shared.errors import Text

__all__ = [
    "SchedulePolicy",
    "ScheduleWarning",
    "programme_adoption_deadline",
    "schedule_warnings",
]


@dataclass(frozen=True)
class SchedulePolicy:
    """A municipality's timetable assumptions (configurable, with common defaults)."""

    # After the consultation the public benefit council gives its opinion (art. 5a(2a) of the
    # Act) and the municipal council needs a session to adopt the programme.
    days_needed_after_end: int = 14
    # Local consultation resolutions commonly give at least 7 days for comments.
    minimum_days_open: int = 7


@dataclass(frozen=True)
class ScheduleWarning:
    """A risk in the timetable the officer should know about."""

    code: str
    message: Text


def programme_adoption_deadline(programme_year: int) -> date:
    """Return the day by which the annual programme for `programme_year` must be adopted."""
    # Art. 5a(1) of the Act: by 30 November of the year before the programme's year.
    return date(programme_year - 1, 11, 30)


def schedule_warnings(terms: ConsultationTerms, policy: SchedulePolicy) -> list[ScheduleWarning]:
    """Return the timetable warnings for `terms` under `policy`."""
    warnings: list[ScheduleWarning] = []
    late = _adoption_at_risk(terms, policy)
    if late is not None:
        warnings.append(late)
    if terms.ends_at - terms.starts_at < timedelta(days=policy.minimum_days_open):
        days = policy.minimum_days_open
        warnings.append(
            ScheduleWarning(
                "consultation-short",
                Text(
                    f"Konsultacje trwają krócej niż {days} dni; uczestnicy mogą nie zdążyć.",
                    f"The consultation lasts less than {days} days; participants may run out "
                    "of time.",
                ),
            )
        )
    return warnings


def _adoption_at_risk(terms: ConsultationTerms, policy: SchedulePolicy) -> ScheduleWarning | None:
    if terms.kind is not ConsultationKind.ANNUAL_COOPERATION_PROGRAMME:
        return None
    if terms.programme_year is None:
        return None
    deadline = programme_adoption_deadline(terms.programme_year)
    ends_on = local_day(terms.ends_at)
    earliest_adoption = ends_on + timedelta(days=policy.days_needed_after_end)
    if earliest_adoption <= deadline:
        return None
    days, year = policy.days_needed_after_end, terms.programme_year
    return ScheduleWarning(
        "programme-adoption-at-risk",
        Text(
            f"Konsultacje kończą się {ends_on:%d.%m.%Y}; licząc {days} dni na opinię rady "
            f"pożytku i sesję, program na {year} r. nie zostanie uchwalony do "
            f"{deadline:%d.%m.%Y} (art. 5a ust. 1 ustawy).",
            f"The consultation ends on {ends_on:%Y-%m-%d}; allowing {days} days for the "
            f"council's opinion and session, the {year} programme cannot be adopted by "
            f"{deadline:%Y-%m-%d} (art. 5a(1) of the Act).",
        ),
    )
