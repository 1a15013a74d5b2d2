"""Money in Polish złoty, exact to the grosz."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from shared.errors import InvalidInput

__all__ = ["ZERO", "Money", "parse_money"]

_GROSZ = Decimal("0.01")


@dataclass(frozen=True, order=True)
class Money:
    """An amount in PLN with exactly two decimal places."""

    amount: Decimal

    def __post_init__(self) -> None:
        if not self.amount.is_finite():
            raise ValueError(f"not a finite amount: {self.amount}")
        if self.amount != self.amount.quantize(_GROSZ):
            raise ValueError(f"more precise than a grosz: {self.amount}")
        # Normalise 5, 5.0 and 5.00 to one representation so equal amounts look equal.
        object.__setattr__(self, "amount", self.amount.quantize(_GROSZ))

    @classmethod
    def pln(cls, value: str | int | Decimal) -> Money:
        """Build an amount from a literal such as "1250.50" (for code and tests)."""
        return cls(Decimal(value))

    @classmethod
    def total(cls, amounts: Iterable[Money]) -> Money:
        """Return the sum of `amounts` (zero when empty)."""
        return sum(amounts, ZERO)

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + other.amount)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - other.amount)

    @property
    def is_negative(self) -> bool:
        """Return whether the amount is below zero."""
        return self.amount < 0

    def percent_of(self, whole: Money) -> Decimal:
        """Return this amount as a percentage of `whole` (0 when `whole` is zero)."""
        if whole.amount == 0:
            return Decimal(0)
        return self.amount * 100 / whole.amount

    def share(self, percent: Decimal) -> Money:
        """Return `percent` of this amount, rounded half up to the grosz."""
        return Money((self.amount * percent / 100).quantize(_GROSZ, rounding=ROUND_HALF_UP))

    def __str__(self) -> str:
        return f"{self.amount} PLN"


ZERO = Money(Decimal("0.00"))


def parse_money(value: str | int | Decimal, field: str) -> Money:
    """Return a non-negative amount in PLN or raise InvalidInput naming `field`."""
    try:
        amount = Decimal(value)
        exact = amount.is_finite() and amount == amount.quantize(_GROSZ)
    except (InvalidOperation, ValueError, TypeError) as error:
        raise InvalidInput.for_field(
            field, "To nie jest kwota.", "This is not an amount.", "money-format"
        ) from error
    if not exact:
        raise InvalidInput.for_field(
            field,
            "Kwota może mieć najwyżej dwa miejsca po przecinku (grosze).",
            "An amount has at most two decimal places (grosze).",
            "money-precision",
        )
    if amount < 0:
        raise InvalidInput.for_field(
            field, "Kwota nie może być ujemna.", "An amount cannot be negative.", "money-negative"
        )
    return Money(amount)
