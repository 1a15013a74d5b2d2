"""The one score scale of the index: every indicator is scored from 0 to 4."""

from __future__ import annotations

from shared.errors import Text

__all__ = ["SCALE", "SCALE_MAX", "SCALE_MIN", "is_on_scale"]

SCALE_MIN = 0
SCALE_MAX = 4

# What each step means, shown next to every indicator so both groups read it alike.
SCALE: dict[int, Text] = {
    0: Text("brak: nie robimy tego", "absent: we do not do this"),
    1: Text("zaczątki: zdarza się okazjonalnie", "initial: happens occasionally"),
    2: Text("częściowo: robimy, ale bez reguł", "partial: done, but without rules"),
    3: Text("w większości: są reguły i zwykle działają", "mostly: rules exist and usually work"),
    4: Text("w pełni: reguły działają i są oceniane", "fully: rules work and are evaluated"),
}


def is_on_scale(value: int) -> bool:
    """Return whether `value` is a score on the scale (booleans are not scores)."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and SCALE_MIN <= value <= SCALE_MAX
    )
