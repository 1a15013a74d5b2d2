"""Per-task request context: the correlation id that follows work across services."""

from __future__ import annotations

import uuid
from contextvars import ContextVar

__all__ = ["current_correlation_id", "new_id", "set_correlation_id"]

_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def new_id() -> str:
    """Return a new random identifier."""
    return str(uuid.uuid4())


def current_correlation_id() -> str:
    """Return the correlation id of the current task, creating one if none is set."""
    value = _correlation_id.get()
    if value is None:
        value = new_id()
        _correlation_id.set(value)
    return value


def set_correlation_id(value: str | None) -> str:
    """Set the correlation id of the current task (a new one if none given)."""
    chosen = value or new_id()
    _correlation_id.set(chosen)
    return chosen
