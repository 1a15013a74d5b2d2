"""Numbering and time shared by the producers' event factories."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

numbers = itertools.count(1)


def now() -> datetime:
    """Return the current moment (UTC)."""
    return datetime.now(UTC)
