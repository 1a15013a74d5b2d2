"""List read models whose `_id` order is the list's order: a page is one range of `_id`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar
from urllib.parse import quote

from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.client_session import AsyncClientSession

from shared.mongo import Document, TenantRepository

__all__ = ["Entry", "Page", "RangeIndex", "list_prefix", "sort_key", "time_key"]

# NX-27017 filters and sorts anything but `_id` in Python over the whole collection; a range of
# `_id` it serves from its index, and so does real MongoDB: lists are shaped as such ranges.
_SEPARATOR = "|"
_AFTER_SEPARATOR = chr(ord(_SEPARATOR) + 1)
_BACKFILLED = "!backfilled"  # sorts before every list prefix, so no range ever returns it
T = TypeVar("T")


def list_prefix(*parts: str) -> str:
    """Return the `_id` prefix of one list; parts are quoted so none can reach into another."""
    return "".join(quote(part, safe="") + _SEPARATOR for part in parts)


def sort_key(value: str, unique: str) -> str:
    """Return a sort key: the ordering value, then the item's id to break ties."""
    return f"{value}\x00{unique}"


def time_key(at: datetime) -> str:
    """Return an instant as text that sorts in time order."""
    moment = at if at.tzinfo else at.replace(tzinfo=UTC)
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%S%f}"


@dataclass(frozen=True)
class Entry:
    """One item's place in one list."""

    prefix: str
    key: str
    item_id: str
    tenant_id: str

    def document(self) -> Document:
        """Return the stored entry."""
        return {
            "_id": self.prefix + self.key,
            "tenant_id": self.tenant_id,
            "item_id": self.item_id,
            "sort_key": self.key,
        }


@dataclass(frozen=True)
class Page(Generic[T]):
    """Items of one page and the sort key the next page starts after (None: the last page)."""

    items: list[T]
    next_after: str | None


class RangeIndex(TenantRepository):
    """Entries written in the transaction of the item they place; read by `_id` ranges only."""

    async def add(self, entries: Iterable[Entry], session: AsyncClientSession) -> None:
        """Write the entries of a new item, in one round trip."""
        documents = [entry.document() for entry in entries]
        if documents:
            await self._collection.insert_many(documents, session=session)

    async def put(self, entries: Iterable[Entry], session: AsyncClientSession) -> None:
        """Write entries (again: the same entry is the same document)."""
        for entry in entries:
            document = entry.document()
            await self._collection.replace_one(
                {"_id": document["_id"]}, document, upsert=True, session=session
            )

    async def drop(self, entries: Iterable[Entry], session: AsyncClientSession) -> None:
        """Remove entries of lists an item has left."""
        for entry in entries:
            await self._collection.delete_one({"_id": entry.prefix + entry.key}, session=session)

    async def page(
        self,
        prefix: str,
        *,
        after: str | None,
        limit: int,
        load: Callable[[Document], Awaitable[T | None]],
        newest_first: bool = False,
    ) -> Page[T]:
        """Return up to `limit` loaded items of one list after a sort key (None: skipped)."""
        bounds = _bounds(prefix, after, newest_first)
        found: list[tuple[str, T]] = []
        while len(found) <= limit:
            cursor = self._collection.find({"_id": bounds})
            batch = (
                await cursor.sort("_id", DESCENDING if newest_first else ASCENDING)
                .limit(limit + 1)
                .to_list()
            )
            for document in batch:
                item = await load(document)
                if item is not None:
                    found.append((document["sort_key"], item))
            if len(batch) <= limit:
                break
            bounds["$lt" if newest_first else "$gt"] = batch[-1]["_id"]
        shown = found[:limit]
        more = len(found) > limit
        return Page([item for _, item in shown], shown[-1][0] if more else None)

    async def backfill(self, entries: AsyncIterator[Iterable[Entry]]) -> int:
        """Write the entries of items stored before this read model existed, once."""
        if await self._collection.find_one({"_id": _BACKFILLED}) is not None:
            return 0
        count = 0
        async for placed in entries:
            for entry in placed:
                document = entry.document()
                await self._collection.replace_one({"_id": document["_id"]}, document, upsert=True)
            count += 1
        # Written last: a start-up that stops half-way backfills again (the writes repeat).
        await self._collection.replace_one({"_id": _BACKFILLED}, {"_id": _BACKFILLED}, upsert=True)
        return count


def _bounds(prefix: str, after: str | None, newest_first: bool) -> dict[str, str]:
    end = prefix[:-1] + _AFTER_SEPARATOR
    if newest_first:
        return {"$gt": prefix, "$lt": prefix + after if after else end}
    return {"$gt": prefix + after if after else prefix, "$lt": end}
