"""What a report states: results achieved and money spent, and the comparison with the plan."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.grants.domain.common.money import Money

__all__ = ["AchievedResult", "Expense", "ResultComparison"]


@dataclass(frozen=True)
class AchievedResult:
    """The level reached for one expected quantitative result."""

    name: str
    achieved_value: Decimal


@dataclass(frozen=True)
class Expense:
    """What was spent on one budget line of the agreement, by source."""

    line_key: str
    grant: Money
    own_financial: Money
    in_kind: Money
    volunteer_work: Money

    @property
    def total(self) -> Money:
        """Return the spending on the line from every source."""
        return self.grant + self.own_financial + self.in_kind + self.volunteer_work


@dataclass(frozen=True)
class ResultComparison:
    """An expected result next to the level achieved (None when not reported)."""

    name: str
    unit: str
    target_value: Decimal
    achieved_value: Decimal | None
