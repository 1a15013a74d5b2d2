"""Wait for asynchronous outcomes by polling, never by sleeping a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["eventually"]

T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T]],
    timeout: float = 30.0,  # noqa: ASYNC109 - a polling deadline, not a cancellation scope
    interval: float = 0.05,
) -> T:
    """Return the first result of `probe` that raises no AssertionError; re-raise at timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            return await probe()
        except AssertionError:
            if loop.time() >= deadline:
                raise
        await asyncio.sleep(interval)
        interval = min(interval * 1.5, 0.5)
