"""Budgets of offers and agreements: cost lines, their sources and own-contribution rules."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from services.grants.domain.common.money import Money
from services.grants.domain.common.rules import blank, breach
from shared.errors import FieldError

__all__ = ["Budget", "BudgetLine", "CostCategory", "OwnContributionRule"]


class CostCategory(StrEnum):
    """Cost categories of the statutory offer form (section V)."""

    ACTION = "action"
    ADMINISTRATIVE = "administrative"


@dataclass(frozen=True)
class BudgetLine:
    """One cost line and how it is paid for."""

    key: str
    category: CostCategory
    name: str
    requested_grant: Money
    own_financial: Money
    in_kind: Money
    volunteer_work: Money

    @property
    def total(self) -> Money:
        """Return the cost of the line from every source."""
        return self.requested_grant + self.own_financial + self.in_kind + self.volunteer_work


@dataclass(frozen=True)
class Budget:
    """The cost lines of a task; every total is computed, never entered."""

    lines: tuple[BudgetLine, ...] = ()

    @property
    def requested_grant(self) -> Money:
        """Return the grant asked for over all lines."""
        return Money.total(line.requested_grant for line in self.lines)

    @property
    def own_financial(self) -> Money:
        """Return the own financial contribution (wkład własny finansowy)."""
        return Money.total(line.own_financial for line in self.lines)

    @property
    def own_non_financial(self) -> Money:
        """Return the in-kind and volunteer-work contribution (wkład niefinansowy)."""
        return Money.total(line.in_kind + line.volunteer_work for line in self.lines)

    @property
    def own_contribution(self) -> Money:
        """Return the whole own contribution, financial and non-financial."""
        return self.own_financial + self.own_non_financial

    @property
    def total(self) -> Money:
        """Return the total cost of the task."""
        return Money.total(line.total for line in self.lines)

    def line(self, key: str) -> BudgetLine | None:
        """Return the line with `key`, if there is one."""
        return next((line for line in self.lines if line.key == key), None)

    def errors(self, field: str = "budget") -> list[FieldError]:
        """Return what makes the budget incomplete or ambiguous."""
        if not self.lines:
            return [
                breach(
                    f"{field}.lines",
                    "Budżet musi mieć co najmniej jedną pozycję kosztów.",
                    "The budget needs at least one cost line.",
                    "budget-empty",
                )
            ]
        found: list[FieldError] = []
        seen: set[str] = set()
        for index, line in enumerate(self.lines):
            found += blank(f"{field}.lines[{index}].key", line.key)
            found += blank(f"{field}.lines[{index}].name", line.name)
            if line.key in seen:
                found.append(
                    breach(
                        f"{field}.lines[{index}].key",
                        "Oznaczenie pozycji budżetu powtarza się.",
                        "The budget line key is repeated.",
                        "budget-line-duplicate",
                    )
                )
            seen.add(line.key)
            found += _negative_amounts(line, f"{field}.lines[{index}]")
        return found


def _negative_amounts(line: BudgetLine, field: str) -> list[FieldError]:
    amounts = {
        "requested_grant": line.requested_grant,
        "own_financial": line.own_financial,
        "in_kind": line.in_kind,
        "volunteer_work": line.volunteer_work,
    }
    return [
        breach(
            f"{field}.{name}",
            "Kwota nie może być ujemna.",
            "An amount cannot be negative.",
            "money-negative",
        )
        for name, amount in amounts.items()
        if amount.is_negative
    ]


@dataclass(frozen=True)
class OwnContributionRule:
    """Minimum own contribution, in percent of the task's total cost, that a competition asks."""

    total_percent: Decimal = Decimal(0)
    financial_percent: Decimal = Decimal(0)
    non_financial_percent: Decimal = Decimal(0)

    def errors(self, field: str = "own_contribution") -> list[FieldError]:
        """Return the percentages that are not between 0 and 100 or do not add up."""
        found = [
            breach(
                f"{field}.{name}",
                "Procent musi mieścić się w przedziale 0–100.",
                "A percentage is between 0 and 100.",
                "percent-range",
            )
            for name, value in self._percentages()
            if not Decimal(0) <= value <= Decimal(100)
        ]
        if self.financial_percent + self.non_financial_percent > self.total_percent:
            found.append(
                breach(
                    f"{field}.total_percent",
                    "Łączny wkład własny nie może być mniejszy niż suma jego części.",
                    "The total own contribution cannot be below the sum of its parts.",
                    "percent-parts",
                )
            )
        return found

    def breaches(self, budget: Budget, field: str = "budget") -> list[FieldError]:
        """Return every own-contribution minimum that `budget` does not reach."""
        whole = budget.total
        checks = (
            ("own_contribution", budget.own_contribution, self.total_percent, "łączny"),
            ("own_financial", budget.own_financial, self.financial_percent, "finansowy"),
            (
                "own_non_financial",
                budget.own_non_financial,
                self.non_financial_percent,
                "niefinansowy",
            ),
        )
        return [
            breach(
                f"{field}.{name}",
                f"Wkład własny {kind} wynosi {amount.percent_of(whole):.2f}% kosztów zadania, "
                f"a ogłoszenie wymaga co najmniej {minimum}%.",
                f"The own contribution ({name}) is {amount.percent_of(whole):.2f}% of the "
                f"task's cost; the announcement asks for at least {minimum}%.",
                "own-contribution-too-low",
            )
            for name, amount, minimum, kind in checks
            if minimum > 0 and amount.percent_of(whole) < minimum
        ]

    def _percentages(self) -> tuple[tuple[str, Decimal], ...]:
        return (
            ("total_percent", self.total_percent),
            ("financial_percent", self.financial_percent),
            ("non_financial_percent", self.non_financial_percent),
        )
