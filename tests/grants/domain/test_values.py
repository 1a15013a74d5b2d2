"""Value objects: money, date ranges, Polish working days and public benefit areas."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.grants.domain.common.areas import article_point, statutory_label
from services.grants.domain.common.dates import DateRange, date_range, local_date, require_aware
from services.grants.domain.common.money import ZERO, Money, parse_money
from services.grants.domain.common.working_days import (
    add_working_days,
    easter_sunday,
    is_working_day,
    polish_public_holidays,
)
from shared.errors import InvalidInput
from shared.public_benefit import PublicBenefitArea


class TestMoney:
    def test_is_exact_to_the_grosz(self) -> None:
        assert Money.pln("0.10") + Money.pln("0.20") == Money.pln("0.30")
        assert str(Money.pln(5)) == "5.00 PLN"

    def test_refuses_fractions_of_a_grosz(self) -> None:
        with pytest.raises(ValueError, match="grosz"):
            Money(Decimal("1.001"))

    def test_sums_and_shares(self) -> None:
        assert Money.total([]) == ZERO
        assert Money.total([Money.pln(1), Money.pln(2)]) == Money.pln(3)
        assert Money.pln(333).share(Decimal(10)) == Money.pln("33.30")
        assert Money.pln(1).percent_of(Money.pln(4)) == Decimal(25)
        assert Money.pln(1).percent_of(ZERO) == Decimal(0)

    @pytest.mark.parametrize(
        ("raw", "code"),
        [
            ("abc", "money-format"),
            ("1.005", "money-precision"),
            ("-1", "money-negative"),
            ("NaN", "money-precision"),
            ("1e40", "money-format"),
        ],
    )
    def test_parse_names_the_field(self, raw: str, code: str) -> None:
        with pytest.raises(InvalidInput) as caught:
            parse_money(raw, "total_funds")
        [item] = caught.value.errors
        assert (item.field, item.code, caught.value.status) == ("total_funds", code, 422)

    def test_parse_accepts_an_amount(self) -> None:
        assert parse_money("1250.5", "x") == Money.pln("1250.50")


class TestDateRange:
    def test_counts_both_ends(self) -> None:
        assert DateRange(date(2026, 1, 1), date(2026, 1, 1)).days == 1

    def test_covers_and_contains(self) -> None:
        year = DateRange(date(2026, 1, 1), date(2026, 12, 31))
        assert year.covers(DateRange(date(2026, 3, 1), date(2026, 3, 31)))
        assert not year.covers(DateRange(date(2026, 12, 1), date(2027, 1, 31)))
        assert year.contains(date(2026, 6, 1))

    def test_refuses_a_reversed_range_naming_the_field(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            date_range(date(2026, 2, 1), date(2026, 1, 1), "task_period")
        assert caught.value.errors[0].field == "task_period"

    def test_local_date_is_the_polish_calendar_day(self) -> None:
        assert local_date(datetime(2026, 1, 1, 23, 30, tzinfo=UTC)) == date(2026, 1, 2)

    def test_requires_aware_moments(self) -> None:
        with pytest.raises(InvalidInput):
            require_aware(datetime(2026, 1, 1), "now")


class TestPolishWorkingDays:
    @pytest.mark.parametrize(
        ("year", "easter"),
        [
            (2024, date(2024, 3, 31)),
            (2025, date(2025, 4, 20)),
            (2026, date(2026, 4, 5)),
            (2027, date(2027, 3, 28)),
        ],
    )
    def test_computes_easter(self, year: int, easter: date) -> None:
        assert easter_sunday(year) == easter

    def test_lists_the_statutory_holidays(self) -> None:
        holidays = polish_public_holidays(2026)
        assert len(holidays) == 14
        # Pentecost (24 May) and Corpus Christi (4 June) move with Easter.
        assert {date(2026, 5, 24), date(2026, 6, 4), date(2026, 12, 24)} <= holidays
        assert date(2024, 12, 24) not in polish_public_holidays(2024)

    def test_weekends_and_holidays_are_not_working_days(self) -> None:
        assert is_working_day(date(2026, 11, 10))
        assert not is_working_day(date(2026, 11, 11))
        assert not is_working_day(date(2026, 11, 14))

    def test_adds_working_days_after_the_start(self) -> None:
        # From Friday 30 April 2026: 1 May (Fri) and 3 May (Sun) are holidays.
        assert add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 4)
        assert add_working_days(date(2026, 4, 30), 0) == date(2026, 4, 30)


class TestPublicBenefitArea:
    def test_every_sphere_of_the_act_has_a_point_and_labels(self) -> None:
        assert len(PublicBenefitArea) == 38
        points = [article_point(area) for area in PublicBenefitArea]
        assert len(set(points)) == len(points)
        for area in PublicBenefitArea:
            assert statutory_label(area).pl and statutory_label(area).en

    def test_values_are_stable_snake_case(self) -> None:
        assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", area.value) for area in PublicBenefitArea)
        assert article_point(PublicBenefitArea("seniors")) == "10"

    def test_the_registry_value_veterans_is_the_combatants_sphere(self) -> None:
        assert article_point(PublicBenefitArea("veterans")) == "29"
        assert article_point(PublicBenefitArea("mission_veterans")) == "21a"
