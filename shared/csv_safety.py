"""CSV cells that a spreadsheet never runs as a formula (OWASP CSV injection)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.text import printable

__all__ = ["safe_cell", "safe_row"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Return a cell a spreadsheet shows as text: a leading formula character gets a quote."""
    if not isinstance(value, str):
        return value
    text = printable(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Return a row with every cell made safe."""
    return [safe_cell(value) for value in values]
