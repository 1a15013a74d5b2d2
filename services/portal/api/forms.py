"""A backend's problem+json shown at the form's fields, and an error summary linking to them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from services.portal.adapters.backend import BackendProblem

__all__ = ["FieldErrors"]


@dataclass
class FieldErrors:
    """Messages by form field, in the order the summary lists them."""

    by_field: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, problem: BackendProblem, fields: Iterable[str]) -> FieldErrors:
        """Place each of the problem's errors at the form field it names, else in general."""
        known = list(fields)
        errors = cls()
        for error in problem.errors:
            message = str(error.get("message", ""))
            name = _form_field(str(error.get("field", "")), known)
            if name is None:
                errors.general.append(message)
            else:
                errors.by_field.setdefault(name, []).append(message)
        if not problem.errors:
            errors.general.append(problem.detail or problem.title)
        return errors

    def __bool__(self) -> bool:
        return bool(self.by_field or self.general)

    def at(self, name: str) -> list[str]:
        """Return the messages of one field."""
        return self.by_field.get(name, [])


def _form_field(path: str, known: list[str]) -> str | None:
    """Map `body.address.city` (or `query.q`) to the form's `address.city` (or `q`)."""
    parts = re.sub(r"\[(\d+)\]", r".\1", path).split(".")  # results[0].name: results.0.name
    if parts and parts[0] in {"body", "query", "path"}:
        parts = parts[1:]
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts = parts[:-1]  # a list item or a nested key belongs to its field
    return None
