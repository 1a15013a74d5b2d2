"""What an open competition announces: the contents art. 13(2) of the Act requires."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from services.grants.domain.common.budget import OwnContributionRule
from services.grants.domain.common.dates import DateRange, add_years, local_date
from services.grants.domain.common.money import Money
from services.grants.domain.common.rules import blank, breach
from shared.errors import FieldError
from shared.public_benefit import PublicBenefitArea

__all__ = ["CompetitionTerms", "Criterion"]


@dataclass(frozen=True)
class Criterion:
    """One criterion of the merit evaluation and the most points it gives."""

    code: str
    label: str
    max_points: int


@dataclass(frozen=True)
class CompetitionTerms:
    """The announcement's contents; money in PLN, the deadline an aware moment."""

    title: str
    public_task: str
    area: PublicBenefitArea
    total_funds: Money
    funding_rules: str
    delivery_terms: str
    offer_deadline: datetime
    criteria: tuple[Criterion, ...]
    min_grant: Money
    max_grant: Money
    task_period: DateRange
    selection_mode: str
    decision_date: date
    funds_spent_this_year: Money
    funds_spent_last_year: Money
    own_contribution: OwnContributionRule | None = None

    @property
    def max_points(self) -> int:
        """Return the most points an offer can get from one committee member."""
        return sum(criterion.max_points for criterion in self.criteria)

    def criterion(self, code: str) -> Criterion | None:
        """Return the criterion with `code`, if there is one."""
        return next((c for c in self.criteria if c.code == code), None)

    def shifted_by_years(self, years: int) -> CompetitionTerms:
        """Return the terms with every date moved by `years`, e.g. for next year's edition."""
        period = self.task_period
        return replace(
            self,
            offer_deadline=add_years(self.offer_deadline, years),
            task_period=DateRange(add_years(period.start, years), add_years(period.end, years)),
            decision_date=add_years(self.decision_date, years),
        )

    def errors(self) -> list[FieldError]:
        """Return every field that is missing or inconsistent."""
        found: list[FieldError] = []
        for name in ("title", "public_task", "funding_rules", "delivery_terms", "selection_mode"):
            found += blank(name, getattr(self, name))
        found += self._money_errors()
        found += self._criteria_errors()
        found += self._date_errors()
        if self.own_contribution is not None:
            found += self.own_contribution.errors()
        return found

    def _money_errors(self) -> list[FieldError]:
        found = [
            breach(
                name,
                "Kwota nie może być ujemna.",
                "An amount cannot be negative.",
                "money-negative",
            )
            for name in ("min_grant", "funds_spent_this_year", "funds_spent_last_year")
            if getattr(self, name).is_negative
        ]
        if self.total_funds.amount <= 0:
            found.append(
                breach(
                    "total_funds",
                    "Pula środków musi być dodatnia.",
                    "The funds available must be positive.",
                    "money-not-positive",
                )
            )
        if self.max_grant < self.min_grant:
            found.append(
                breach(
                    "max_grant",
                    "Maksymalna dotacja jest mniejsza niż minimalna.",
                    "The maximum grant is below the minimum grant.",
                    "grant-range-reversed",
                )
            )
        if self.max_grant > self.total_funds:
            found.append(
                breach(
                    "max_grant",
                    "Maksymalna dotacja przekracza pulę środków konkursu.",
                    "The maximum grant exceeds the funds of the competition.",
                    "grant-above-funds",
                )
            )
        return found

    def _criteria_errors(self) -> list[FieldError]:
        if not self.criteria:
            return [
                breach(
                    "criteria",
                    "Podaj co najmniej jedno kryterium oceny.",
                    "Give at least one evaluation criterion.",
                    "criteria-empty",
                )
            ]
        found: list[FieldError] = []
        codes = [criterion.code for criterion in self.criteria]
        for index, criterion in enumerate(self.criteria):
            found += blank(f"criteria[{index}].code", criterion.code)
            found += blank(f"criteria[{index}].label", criterion.label)
            if criterion.max_points <= 0:
                found.append(
                    breach(
                        f"criteria[{index}].max_points",
                        "Maksymalna liczba punktów musi być dodatnia.",
                        "The maximum points must be positive.",
                        "points-not-positive",
                    )
                )
            if codes.index(criterion.code) != index:
                found.append(
                    breach(
                        f"criteria[{index}].code",
                        "Kod kryterium powtarza się.",
                        "The criterion code is repeated.",
                        "criterion-duplicate",
                    )
                )
        return found

    def _date_errors(self) -> list[FieldError]:
        if self.offer_deadline.tzinfo is None:
            return [
                breach(
                    "offer_deadline",
                    "Podaj termin ze strefą czasową.",
                    "Give the deadline with its time zone.",
                    "datetime-naive",
                )
            ]
        if self.decision_date < local_date(self.offer_deadline):
            return [
                breach(
                    "decision_date",
                    "Termin wyboru ofert jest wcześniejszy niż termin ich składania.",
                    "The decision date is before the offer deadline.",
                    "decision-before-deadline",
                )
            ]
        return []
