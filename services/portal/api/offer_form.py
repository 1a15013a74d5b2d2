"""The offer generator's steps: their fields and rows, read from a form, made into contents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from services.portal.api.forms import FieldErrors

__all__ = [
    "ROWS",
    "STEPS",
    "StepValues",
    "apply",
    "entered",
    "errors_at",
    "form_field",
    "parts",
    "slots",
    "step_of",
    "values_of",
]

STEPS = ("task", "schedule", "results", "budget", "partners", "summary")
# The list each step edits row by row, and the fields of one row.
ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "schedule": ("schedule", ("name", "description", "period.start", "period.end", "performer")),
    "results": ("quantitative_results", ("name", "target_value", "unit", "verification")),
    "budget": (
        "budget.lines",
        (
            "key",
            "category",
            "name",
            "requested_grant",
            "own_financial",
            "in_kind",
            "volunteer_work",
        ),
    ),
    "partners": ("partners", ("organization_id", "name")),
}
FIELDS: dict[str, tuple[str, ...]] = {
    "task": ("title", "place", "description", "task_period.start", "task_period.end"),
    "results": ("qualitative_results",),
}
_NUMBERS = {"requested_grant", "own_financial", "in_kind", "volunteer_work", "target_value"}
_MAX_ROWS = 200
# A rule about a whole part is shown where the user fixes it.
_ALIASES = {
    "task_period": "task_period.start",
    "results": "qualitative_results",
    "budget": "budget.lines",
}
_STEP_OF_PREFIX = (
    ("task_period", "task"),
    ("title", "task"),
    ("place", "task"),
    ("description", "task"),
    ("schedule", "schedule"),
    ("quantitative_results", "results"),
    ("qualitative_results", "results"),
    ("budget", "budget"),
    ("partners", "partners"),
)


@dataclass
class StepValues:
    """What one step's form shows: its plain fields and its rows, as typed."""

    fields: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, str]] = field(default_factory=list)


def _get(data: Mapping[str, Any] | None, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, Mapping):
            return None
        data = data.get(part)
    return data


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def values_of(content: Mapping[str, Any], step: str) -> StepValues:
    """Return a step's values from the offer's saved contents."""
    values = StepValues()
    for name in FIELDS.get(step, ()):
        value = _get(content, name)
        values.fields[name] = "\n".join(value) if isinstance(value, list) else _text(value)
    if step in ROWS:
        path, names = ROWS[step]
        for row in _get(content, path) or []:
            values.rows.append({name: _text(_get(row, name)) for name in names})
    return values


def entered(step: str, form: Mapping[str, Any]) -> StepValues:
    """Return what the user typed in a step's form."""
    values = StepValues()
    for name in FIELDS.get(step, ()):
        values.fields[name] = str(form.get(name, "")).strip()
    if step in ROWS:
        path, names = ROWS[step]
        count = min(_count(form.get("rows")), _MAX_ROWS)
        for index in range(count):
            values.rows.append(
                {name: str(form.get(f"{path}[{index}].{name}", "")).strip() for name in names}
            )
    return values


def _count(value: Any) -> int:
    text = str(value or "0")
    return int(text) if text.isdigit() else 0


def _number(text: str) -> str:
    """Return an amount as the API reads it: Poles write 1 500,50 for 1500.50."""
    return re.sub(r"[\s\u00a0]", "", text).replace(",", ".")


def _nested(flat: Mapping[str, str]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for name, value in flat.items():
        *parents, leaf = name.split(".")
        target = nested
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = _number(value) if leaf in _NUMBERS else value
    return nested


def _row(names: Iterable[str], row: Mapping[str, str]) -> dict[str, Any] | None:
    filled = {n: row.get(n, "") for n in names if row.get(n, "") != ""}
    if not filled or set(filled) == {"category"}:
        return None  # an untouched row is not a row yet
    # A text left empty goes as "" so that the service names it at its field as a breach and
    # still computes the totals; a number or a date cannot go empty, so it stays out.
    texts = {n: "" for n in names if n not in _NUMBERS and "." not in n and n != "category"}
    built = {**texts, **_nested(filled)}
    if any(n.startswith("period.") for n in names):
        built["period"] = {"start": None, "end": None, **built.get("period", {})}
    return built


def apply(content: Mapping[str, Any], step: str, values: StepValues) -> dict[str, Any]:
    """Return the offer's contents with one step's part replaced by what was typed."""
    result = {k: v for k, v in content.items()}
    if step == "task":
        for name in ("title", "place", "description"):
            result[name] = values.fields.get(name, "")
        start, end = values.fields.get("task_period.start"), values.fields.get("task_period.end")
        result["task_period"] = (
            {"start": start or None, "end": end or None} if start or end else None
        )
    if step == "results":
        lines = values.fields.get("qualitative_results", "").splitlines()
        result["qualitative_results"] = [line.strip() for line in lines if line.strip()]
    if step in ROWS:
        path, names = ROWS[step]
        rows = [built for row in values.rows if (built := _row(names, row)) is not None]
        if path == "budget.lines":
            result["budget"] = {**(content.get("budget") or {}), "lines": rows}
        else:
            result[path] = rows
    return result


def slots(step: str, values: StepValues) -> list[str]:
    """Return the fields of a step whose messages a live check replaces (totals aside)."""
    names = list(FIELDS.get(step, ()))
    if step in ROWS:
        path, row_fields = ROWS[step]
        names.append(path)
        names += [f"{path}[{i}].{n}" for i in range(len(values.rows)) for n in row_fields]
    return names


def form_field(path: str) -> str:
    """Map an API path (`body.budget.lines.0.key`, `schedule[0].period`) to the form's name."""
    parts = path.split(".")
    if parts and parts[0] == "body":
        parts = parts[1:]
    name = re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", ".".join(parts))
    if re.fullmatch(r"schedule\[\d+\]\.period", name):
        return f"{name}.start"
    return _ALIASES.get(name, name)


def parts(name: str) -> tuple[str, int | None]:
    """Return a field's own name and, in a list, its row number counted from 1."""
    row = re.search(r"\[(\d+)\]", name)
    leaf = re.sub(r"\[\d+\]", "", name).rsplit(".", 1)[-1]
    if name.endswith((".start", ".end")) and "period" in name and not row:
        leaf = name
    return leaf, int(row.group(1)) + 1 if row else None


def step_of(name: str) -> str:
    """Return the step whose form holds a field."""
    for prefix, step in _STEP_OF_PREFIX:
        if name == prefix or name.startswith((f"{prefix}.", f"{prefix}[")):
            return step
    return "summary"


def errors_at(found: Iterable[Mapping[str, Any]], step: str | None = None) -> FieldErrors:
    """Place breaches or a problem's errors at their form fields (of one step, if given)."""
    errors = FieldErrors()
    for error in found:
        name = form_field(str(error.get("field", "")))
        if step is None or step_of(name) == step:
            errors.by_field.setdefault(name, []).append(str(error.get("message", "")))
    return errors
