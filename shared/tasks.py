"""Stopping a service's background tasks without ever hanging its shutdown."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Sequence
from typing import Any

from shared.logging import get_logger

__all__ = ["STOP_SECONDS", "stop_tasks"]

STOP_SECONDS = 5.0  # a task that has not stopped by then never will
log = get_logger(__name__)


async def stop_tasks(tasks: Sequence[asyncio.Task[Any]], seconds: float = STOP_SECONDS) -> None:
    """Cancel the tasks and wait for them, giving up after `seconds` with a log of each stack."""
    for task in tasks:
        task.cancel()
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=seconds)
    for task in pending:  # a client library swallowed the cancellation: say where it waits
        log.warning("task.stop_timed_out", task=task.get_name(), stack=_stack_of(task))


def _stack_of(task: asyncio.Task[Any]) -> str:
    lines = io.StringIO()
    task.print_stack(file=lines)
    return lines.getvalue()
