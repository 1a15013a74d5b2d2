"""Coalesced writes: what arrives while a command is in flight goes in the next one."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pymongo import UpdateOne

from shared.coalesced_writes import CoalescedWrites


class SlowCollection:
    """Records each bulk_write; the first waits until released, as a busy store would."""

    def __init__(self, failing: bool = False) -> None:
        self.commands: list[list[Any]] = []
        self.released = asyncio.Event()
        self.failing = failing

    async def bulk_write(self, requests: list[Any], *, ordered: bool) -> None:
        self.commands.append(requests)
        await self.released.wait()
        if self.failing:
            raise ConnectionError("store unreachable")


def _update(n: int) -> UpdateOne:
    return UpdateOne({"_id": f"d-{n}"}, {"$set": {"state": "sent"}})


async def test_writes_arriving_during_a_command_share_the_next_one() -> None:
    collection = SlowCollection()
    writes = CoalescedWrites(collection)  # type: ignore[arg-type]
    first = asyncio.create_task(writes.write(_update(0)))
    await asyncio.sleep(0)
    rest = [asyncio.create_task(writes.write(_update(n))) for n in range(1, 6)]
    await asyncio.sleep(0)
    collection.released.set()

    await asyncio.gather(first, *rest)

    assert [len(command) for command in collection.commands] == [1, 5]


async def test_each_writer_learns_that_its_command_failed() -> None:
    collection = SlowCollection(failing=True)
    writes = CoalescedWrites(collection)  # type: ignore[arg-type]
    pending = [asyncio.create_task(writes.write(_update(n))) for n in range(3)]
    await asyncio.sleep(0)
    collection.released.set()

    for task in pending:
        with pytest.raises(ConnectionError):
            await task
