"""Collect every field problem of one input, so the caller can fix them all at once."""

from __future__ import annotations

from datetime import datetime

from shared.errors import FieldError, InvalidInput, Text

__all__ = ["Problems", "clean_text"]


def clean_text(value: str, field: str, *, max_length: int) -> str:
    """Return `value` stripped or raise InvalidInput when it is empty or too long."""
    problems = Problems()
    text = problems.text(value, field, max_length=max_length)
    problems.raise_if_any()
    return text


class Problems:
    """Field errors found while checking one input."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, pl: str, en: str, code: str = "invalid") -> None:
        """Record one problem with one field."""
        self.errors.append(FieldError(field, Text(pl, en), code))

    def text(self, value: str, field: str, *, max_length: int) -> str:
        """Check a required text and return it stripped."""
        stripped = value.strip()
        if not stripped:
            self.add(field, "Pole nie może być puste.", "The field must not be empty.", "required")
        elif len(stripped) > max_length:
            self.add(
                field,
                f"Tekst może mieć najwyżej {max_length} znaków.",
                f"The text may have at most {max_length} characters.",
                "too-long",
            )
        return stripped

    def aware(self, moment: datetime, field: str) -> bool:
        """Check that a moment carries its time zone; naive times are ambiguous in Poland."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.add(
                field,
                "Podaj czas ze strefą czasową.",
                "Give the time with its time zone.",
                "timezone-required",
            )
            return False
        return True

    def raise_if_any(self) -> None:
        """Raise InvalidInput carrying every problem found, if any."""
        if not self.errors:
            return
        detail = (
            self.errors[0].message
            if len(self.errors) == 1
            else Text("Popraw zaznaczone pola.", "Correct the marked fields.")
        )
        raise InvalidInput(detail=detail, errors=list(self.errors))
