"""Run a load generator in a separate process, so it does not share a CPU with the observer."""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from collections.abc import Callable, Coroutine
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

__all__ = ["ChildFailed", "run_in_child"]

T = TypeVar("T")
# Spawn, not fork: the parent runs an event loop and client threads a fork would copy half-way.
_CONTEXT = multiprocessing.get_context("spawn")


class ChildFailed(RuntimeError):
    """The child process raised or died before answering."""


def _child_main(
    conn: Connection, target: Callable[..., Coroutine[Any, Any, Any]], args: tuple[Any, ...]
) -> None:
    # Ctrl-C is the parent's to handle: it stops the child when it unwinds.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        conn.send(("ok", asyncio.run(target(*args))))
    except Exception as error:
        conn.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


async def run_in_child(
    target: Callable[..., Coroutine[Any, Any, T]],
    *args: Any,
    time_limit: float,
    name: str = "bench-load",
) -> T:
    """Return `await target(*args)` run in a fresh process; stop it on timeout or cancel."""
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(
        target=_child_main, args=(sender, target, args), name=name, daemon=True
    )
    process.start()
    sender.close()  # so a dead child shows as EOF on our end
    try:
        async with asyncio.timeout(time_limit):
            status, payload = await _receive(receiver, process)
    finally:
        receiver.close()
        _stop(process)
    if status != "ok":
        raise ChildFailed(f"{name}: {payload}")
    return payload  # type: ignore[no-any-return]


async def _receive(receiver: Connection, process: BaseProcess) -> tuple[str, Any]:
    while not receiver.poll():
        if not process.is_alive() and not receiver.poll():
            raise ChildFailed(f"{process.name} exited with {process.exitcode} before answering")
        await asyncio.sleep(0.05)
    try:
        answer: tuple[str, Any] = receiver.recv()
    except EOFError as error:
        raise ChildFailed(f"{process.name} exited with {process.exitcode}") from error
    return answer


def _stop(process: BaseProcess) -> None:
    process.join(2)
    if process.is_alive():
        process.terminate()
        process.join(5)
    if process.is_alive():
        process.kill()
        process.join()
