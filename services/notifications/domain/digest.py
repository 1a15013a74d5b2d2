"""Digests: what happened in a municipality over a day or an ISO week, grouped for reading."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.notifications.domain.kinds import KIND_RULES, Section
from services.notifications.domain.notice import Notice
from services.notifications.domain.projections import CompetitionInfo, ConsultationInfo
from services.notifications.domain.reminders import local_start
from services.notifications.domain.wording import Wording, area_label
from shared.errors import InvalidInput, Text

__all__ = ["Digest", "DigestEntry", "DigestSection", "Period", "PeriodKind", "build_digest"]

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
CLOSING_SOON = timedelta(days=7)

SECTION_TITLES: dict[Section, Text] = {
    Section.ORGANIZATIONS: Text("Nowe organizacje", "New organizations"),
    Section.COMPETITIONS: Text("Konkursy ofert", "Open competitions announced"),
    Section.OPEN_COMPETITIONS: Text("Trwające nabory ofert", "Competitions taking offers"),
    Section.RESULTS: Text("Wyniki konkursów", "Competition results"),
    Section.CONSULTATIONS: Text("Konsultacje społeczne", "Social consultations"),
    Section.OPEN_CONSULTATIONS: Text("Trwające konsultacje", "Consultations taking comments"),
    Section.REPORTS: Text("Raporty i wyniki współpracy", "Reports and cooperation results"),
    Section.STAFF: Text("Dla pracowników urzędu", "For the municipality's staff"),
}


class PeriodKind(StrEnum):
    """Length of a digest's period."""

    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True)
class Period:
    """A calendar day or an ISO week in the municipality's time zone."""

    kind: PeriodKind
    label: str
    start: datetime
    end: datetime

    @classmethod
    def day(cls, day: date, zone: ZoneInfo) -> Period:
        """Return the period of one day."""
        start = local_start(day, zone)
        return cls(PeriodKind.DAILY, day.isoformat(), start, local_start(day + timedelta(1), zone))

    @classmethod
    def week(cls, monday: date, zone: ZoneInfo) -> Period:
        """Return the ISO week starting on `monday`."""
        year, number, _ = monday.isocalendar()
        start, end = local_start(monday, zone), local_start(monday + timedelta(7), zone)
        return cls(PeriodKind.WEEKLY, f"{year}-W{number:02d}", start, end)

    @classmethod
    def parse_week(cls, label: str, zone: ZoneInfo) -> Period:
        """Return the week named like 2026-W47; raise InvalidInput otherwise."""
        match = _WEEK.match(label)
        try:
            if not match:
                raise ValueError(label)
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError as error:
            raise InvalidInput.for_field(
                "query.week", "Tydzień podaj jak 2026-W47.", "Give the week as 2026-W47."
            ) from error
        return cls.week(monday, zone)

    @classmethod
    def last_complete(cls, kind: PeriodKind, now: datetime, zone: ZoneInfo, hour: int) -> Period:
        """Return the latest period whose digest is due at `now` (after `hour` local time)."""
        local = now.astimezone(zone)
        today = local.date() - timedelta(days=0 if local.hour >= hour else 1)
        if kind == PeriodKind.DAILY:
            return cls.day(today - timedelta(days=1), zone)
        this_monday = today - timedelta(days=today.weekday())
        return cls.week(this_monday - timedelta(days=7), zone)

    @classmethod
    def containing(cls, kind: PeriodKind, moment: datetime, zone: ZoneInfo) -> Period:
        """Return the period the moment falls in."""
        day = moment.astimezone(zone).date()
        if kind == PeriodKind.DAILY:
            return cls.day(day, zone)
        return cls.week(day - timedelta(days=day.weekday()), zone)


@dataclass(frozen=True)
class DigestEntry:
    """One line of a digest."""

    title: Text
    body: Text
    link: str | None
    when: datetime | None


@dataclass(frozen=True)
class DigestSection:
    """A titled group of entries."""

    section: Section
    title: Text
    entries: list[DigestEntry]


@dataclass(frozen=True)
class Digest:
    """A municipality's or a subscriber's digest of one period."""

    tenant_id: str
    tenant_name: str
    period: Period
    sections: list[DigestSection]

    @property
    def empty(self) -> bool:
        """Return whether nothing happened."""
        return not any(s.entries for s in self.sections)

    @property
    def size(self) -> int:
        """Return the number of entries."""
        return sum(len(s.entries) for s in self.sections)


def build_digest(
    *,
    tenant_id: str,
    tenant_name: str,
    period: Period,
    notices: Iterable[Notice],
    competitions: Sequence[CompetitionInfo] = (),
    consultations: Sequence[ConsultationInfo] = (),
    wording: Wording,
) -> Digest:
    """Group the period's notices by section, and list what is still open at its end."""
    grouped: dict[Section, list[DigestEntry]] = {s: [] for s in SECTION_TITLES}
    for notice in sorted(notices, key=lambda n: n.occurred_at):
        entry = DigestEntry(notice.title, notice.body, notice.link, notice.occurred_at)
        grouped[KIND_RULES[notice.kind].section].append(entry)
    grouped[Section.OPEN_COMPETITIONS] = [
        _open_competition(c, period, wording) for c in competitions
    ]
    grouped[Section.OPEN_CONSULTATIONS] = [_open_consultation(c, wording) for c in consultations]
    sections = [
        DigestSection(section, SECTION_TITLES[section], entries)
        for section, entries in grouped.items()
        if entries
    ]
    return Digest(tenant_id, tenant_name, period, sections)


def _open_competition(c: CompetitionInfo, period: Period, wording: Wording) -> DigestEntry:
    deadline, area = wording.moment(c.offer_deadline), area_label(c.area)
    soon = c.offer_deadline - period.end <= CLOSING_SOON
    flag = Text(" — termin mija wkrótce", " — closing soon") if soon else Text("", "")
    return DigestEntry(
        Text(c.title, c.title),
        Text(
            f"{area.pl}; oferty do {deadline.pl}{flag.pl}",
            f"{area.en}; offers until {deadline.en}{flag.en}",
        ),
        f"/competitions/{c.competition_id}",
        c.offer_deadline,
    )


def _open_consultation(c: ConsultationInfo, wording: Wording) -> DigestEntry:
    until = wording.moment(c.ends_at)
    return DigestEntry(
        Text(c.title, c.title),
        Text(f"Uwagi do {until.pl}", f"Comments until {until.en}"),
        f"/consultations/{c.consultation_id}",
        c.ends_at,
    )
