"""Exponential backoff of retried deliveries."""

from __future__ import annotations

__all__ = ["retry_delay"]


def retry_delay(attempt: int, *, base: float, cap: float) -> float:
    """Return the wait after the `attempt`-th failed try: base, 2×base, 4×base… up to cap."""
    return float(min(cap, base * 2 ** max(0, attempt - 1)))
