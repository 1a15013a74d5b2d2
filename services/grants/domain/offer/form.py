"""Contents of an offer as laid out in the statutory form (Dz.U. 2018 poz. 2057, annex 1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from services.grants.domain.common.budget import Budget
from services.grants.domain.common.dates import DateRange
from services.grants.domain.common.rules import blank, breach
from shared.errors import FieldError

__all__ = ["Action", "OfferContent", "Partner", "QuantitativeResult"]


@dataclass(frozen=True)
class Action:
    """One action of the schedule (harmonogram) and when it happens."""

    name: str
    description: str
    period: DateRange
    performer: str = ""


@dataclass(frozen=True)
class QuantitativeResult:
    """An expected result measured by a number to reach."""

    name: str
    target_value: Decimal
    unit: str
    verification: str = ""


@dataclass(frozen=True)
class Partner:
    """Another organization that submits a joint offer with the applicant (art. 14(2))."""

    organization_id: str
    name: str


@dataclass(frozen=True)
class OfferContent:
    """What the applicant writes; a draft may leave parts empty until it is submitted."""

    title: str = ""
    place: str = ""
    description: str = ""
    task_period: DateRange | None = None
    schedule: tuple[Action, ...] = ()
    quantitative_results: tuple[QuantitativeResult, ...] = ()
    qualitative_results: tuple[str, ...] = ()
    budget: Budget = field(default_factory=Budget)
    partners: tuple[Partner, ...] = ()

    def errors(self, applicant_id: str) -> list[FieldError]:
        """Return every part missing or inconsistent, regardless of the competition."""
        found: list[FieldError] = []
        for name in ("title", "place", "description"):
            found += blank(name, getattr(self, name))
        if self.task_period is None:
            found.append(_required("task_period"))
        found += self._schedule_errors()
        found += self._result_errors()
        found += self.budget.errors()
        found += self._partner_errors(applicant_id)
        return found

    def _schedule_errors(self) -> list[FieldError]:
        if not self.schedule:
            return [
                breach(
                    "schedule",
                    "Harmonogram musi mieć co najmniej jedno działanie.",
                    "The schedule needs at least one action.",
                    "schedule-empty",
                )
            ]
        found: list[FieldError] = []
        for index, action in enumerate(self.schedule):
            found += blank(f"schedule[{index}].name", action.name)
            if self.task_period and not self.task_period.covers(action.period):
                found.append(
                    breach(
                        f"schedule[{index}].period",
                        "Działanie wykracza poza okres realizacji zadania.",
                        "The action falls outside the task period.",
                        "action-outside-task-period",
                    )
                )
        return found

    def _result_errors(self) -> list[FieldError]:
        if not self.quantitative_results and not self.qualitative_results:
            return [
                breach(
                    "results",
                    "Podaj zakładane rezultaty zadania.",
                    "Give the results the task is expected to achieve.",
                    "results-empty",
                )
            ]
        found: list[FieldError] = []
        for index, result in enumerate(self.quantitative_results):
            found += blank(f"quantitative_results[{index}].name", result.name)
            found += blank(f"quantitative_results[{index}].unit", result.unit)
            if result.target_value <= 0:
                found.append(
                    breach(
                        f"quantitative_results[{index}].target_value",
                        "Wartość docelowa musi być dodatnia.",
                        "The target value must be positive.",
                        "target-not-positive",
                    )
                )
        for index, text in enumerate(self.qualitative_results):
            found += blank(f"qualitative_results[{index}]", text)
        return found

    def _partner_errors(self, applicant_id: str) -> list[FieldError]:
        found: list[FieldError] = []
        seen: set[str] = set()
        for index, partner in enumerate(self.partners):
            if partner.organization_id == applicant_id or partner.organization_id in seen:
                found.append(
                    breach(
                        f"partners[{index}].organization_id",
                        "Partner powtarza się albo jest samym oferentem.",
                        "The partner is repeated or is the applicant itself.",
                        "partner-duplicate",
                    )
                )
            seen.add(partner.organization_id)
            found += blank(f"partners[{index}].name", partner.name)
        return found


def _required(field_name: str) -> FieldError:
    return breach(field_name, "To pole jest wymagane.", "This field is required.", "required")
