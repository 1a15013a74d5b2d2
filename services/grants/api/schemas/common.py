"""Values every part of the grants API shares: amounts, date ranges, breaches."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.grants.domain.common.dates import DateRange, date_range
from services.grants.domain.common.money import Money
from shared.errors import FieldError
from shared.text import Line, Paragraph

__all__ = ["Amount", "BreachView", "DateRangeBody", "ShortText", "Strict", "Text", "money"]

Amount = Annotated[
    Decimal,
    Field(ge=0, max_digits=14, decimal_places=2, description="Amount in PLN, grosze at most."),
]
# One line (names, titles, keys) refuses every control character; free text keeps tab and breaks.
ShortText = Annotated[Line, StringConstraints(strip_whitespace=True, max_length=300)]
Text = Annotated[Paragraph, StringConstraints(strip_whitespace=True, max_length=10_000)]


def money(amount: Decimal) -> Money:
    """Return an API amount as the domain's Money."""
    return Money(amount.quantize(Decimal("0.01")))


class Strict(BaseModel):
    """A request body: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DateRangeBody(Strict):
    """Days from `start` to `end`, both included."""

    start: date = Field(description="First day.")
    end: date = Field(description="Last day.")

    def to_range(self, field: str) -> DateRange:
        """Return the domain range, or 422 naming `field` when it ends before it starts."""
        return date_range(self.start, self.end, field)

    @classmethod
    def of(cls, period: DateRange | None) -> DateRangeBody | None:
        """Render a domain range."""
        return cls(start=period.start, end=period.end) if period else None


class BreachView(BaseModel):
    """One rule an input breaks, by field."""

    field: str = Field(description="Dotted path of the field, e.g. `budget.requested_grant`.")
    code: str = Field(description="Stable code of the rule.")
    message: str = Field(description="What is wrong, in the caller's language.")

    @classmethod
    def of(cls, breach: FieldError, language: str) -> BreachView:
        """Render a domain breach."""
        return cls(
            field=breach.field, code=breach.code, message=breach.message.in_language(language)
        )
