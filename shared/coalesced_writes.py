"""Writes that come in while one is in flight go together in the next `bulk_write`.

Independent writes outside transactions (a delivery's outcome, one per e-mail sent) each cost
a round trip; on NX-27017 every command also waits for all the others. No timer: the first
write goes at once, and whatever arrives meanwhile rides the next command.
"""

from __future__ import annotations

import asyncio
from typing import Any

from pymongo import UpdateOne
from pymongo.asynchronous.collection import AsyncCollection

from shared.mongo import Document

__all__ = ["CoalescedWrites"]

# Bounds one command's size; more waiting writes go in the command after.
MOST_PER_COMMAND = 500


class CoalescedWrites:
    """Sends writes to one collection, many per command when they arrive together."""

    def __init__(self, collection: AsyncCollection[Document]) -> None:
        self._collection = collection
        self._waiting: list[tuple[UpdateOne, asyncio.Future[None]]] = []
        self._sender: asyncio.Task[None] | None = None

    async def write(self, update: UpdateOne) -> None:
        """Apply `update` and return once it is written (raise what its command raised)."""
        written: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((update, written))
        if self._sender is None or self._sender.done():
            self._sender = asyncio.create_task(self._send(), name="coalesced-writes")
        await asyncio.shield(written)  # a caller that stops waiting leaves its write queued

    async def _send(self) -> None:
        while self._waiting:
            batch = self._waiting[:MOST_PER_COMMAND]
            del self._waiting[:MOST_PER_COMMAND]
            try:
                await self._collection.bulk_write([update for update, _ in batch], ordered=False)
            except Exception as error:  # each waiting caller learns of it
                _settle(batch, error)
            except BaseException:  # cancelled at shutdown: nobody may hang
                stopped = RuntimeError("the write was not sent: the service is stopping")
                _settle([*batch, *self._waiting], stopped)
                self._waiting.clear()
                raise
            else:
                _settle(batch, None)


def _settle(batch: list[tuple[Any, asyncio.Future[None]]], error: BaseException | None) -> None:
    for _, written in batch:
        if written.done():
            continue
        if error is None:
            written.set_result(None)
        else:
            written.set_exception(error)
