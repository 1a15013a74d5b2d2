"""Helpers that turn broken rules into the platform's domain errors."""

from __future__ import annotations

from collections.abc import Iterable

from shared.errors import Conflict, FieldError, InvalidInput, Text

__all__ = ["blank", "breach", "conflict", "reject_if_any", "require_text"]


def breach(field: str, pl: str, en: str, code: str) -> FieldError:
    """Describe one broken rule on one field."""
    return FieldError(field, Text(pl, en), code)


def reject_if_any(errors: Iterable[FieldError], pl: str, en: str) -> None:
    """Raise InvalidInput carrying every breach, if there is any."""
    found = list(errors)
    if found:
        raise InvalidInput(detail=Text(pl, en), errors=found)


def conflict(pl: str, en: str, **extra: object) -> Conflict:
    """Build a 409 for an action the current state does not allow."""
    return Conflict(detail=Text(pl, en), extra=dict(extra))


def require_text(value: str, field: str) -> str:
    """Return `value` stripped, or raise InvalidInput naming `field` when it is blank."""
    stripped = value.strip()
    if not stripped:
        raise InvalidInput.for_field(
            field, "To pole jest wymagane.", "This field is required.", "required"
        )
    return stripped


def blank(field: str, value: str) -> list[FieldError]:
    """Return a `required` breach when `value` is blank."""
    if value.strip():
        return []
    return [breach(field, "To pole jest wymagane.", "This field is required.", "required")]
