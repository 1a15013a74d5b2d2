"""Timetable warnings: advice to the officer, never a refusal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from services.consultations.domain.consultation.schedule import (
    SchedulePolicy,
    programme_adoption_deadline,
    schedule_warnings,
)
from services.consultations.domain.consultation.terms import ConsultationKind, Forms

from .factories import START, make_draft, make_terms

POLICY = SchedulePolicy(days_needed_after_end=14)


def codes(**overrides: object) -> list[str]:
    return [w.code for w in schedule_warnings(make_terms(**overrides), POLICY)]


def ending_on(day: int, hour_utc: int = 12) -> datetime:
    return datetime(2025, 11, day, hour_utc, 0, tzinfo=UTC)


class TestProgrammeAdoptionDeadline:
    def test_is_30_november_of_the_year_before(self) -> None:
        assert programme_adoption_deadline(2026) == date(2025, 11, 30)


class TestProgrammeAdoptionWarning:
    def test_is_silent_when_the_council_has_exactly_enough_days(self) -> None:
        assert codes(ends_at=ending_on(16)) == []

    def test_warns_when_one_day_short(self) -> None:
        assert codes(ends_at=ending_on(17)) == ["programme-adoption-at-risk"]

    def test_counts_the_end_in_polish_time(self) -> None:
        # 22:30 UTC on 16 November is already 17 November in Warsaw.
        assert codes(ends_at=ending_on(16, hour_utc=23)) == ["programme-adoption-at-risk"]

    def test_takes_the_days_needed_from_the_policy(self) -> None:
        terms = make_terms(ends_at=ending_on(17))
        assert schedule_warnings(terms, SchedulePolicy(days_needed_after_end=13)) == []

    def test_applies_only_to_the_annual_programme(self) -> None:
        kind = ConsultationKind.MUNICIPAL_STRATEGY
        assert codes(kind=kind, programme_year=None, ends_at=ending_on(29)) == []

    def test_speaks_polish_and_english(self) -> None:
        (warning,) = schedule_warnings(make_terms(ends_at=ending_on(20)), POLICY)
        assert "30.11.2025" in warning.message.pl
        assert "2025-11-30" in warning.message.en

    def test_is_offered_by_the_consultation(self) -> None:
        consultation = make_draft(ends_at=ending_on(20))
        assert [w.code for w in consultation.schedule_warnings(POLICY)] == [
            "programme-adoption-at-risk"
        ]


class TestShortConsultationWarning:
    def test_warns_below_the_minimum_days(self) -> None:
        assert codes(ends_at=START + timedelta(days=6), forms=Forms()) == ["consultation-short"]

    def test_is_silent_at_the_minimum(self) -> None:
        terms = make_terms(ends_at=START + timedelta(days=7))
        assert schedule_warnings(terms, SchedulePolicy(minimum_days_open=7)) == []
