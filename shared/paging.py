"""Numbered lists: each list's entries are `<prefix><position>`, a page an `$in` of positions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar
from urllib.parse import quote

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from shared.errors import InvalidInput
from shared.mongo import Document, TenantRepository
from shared.write_behind import insert_later

__all__ = ["Page", "Placement", "PositionIndex", "list_prefix", "time_key"]

# NX-27017 answers an `_id` equality or `$in` from SQLite's index, but evaluates `$gt`/`$lt` on
# `_id` and every other filter in Python or over the whole table. So each list numbers its
# entries 1, 2, 3... as they join it (a counter in the joining transaction), and a page asks for
# the next positions by `$in`: the same few index lookups on real MongoDB.
_SEPARATOR = "|"
_COUNTERS = "#"  # `<counter group>#`: one document holding the lengths of a group's lists
_BACKFILLED = "!backfilled"
_WIDTH = 12
_MOST_WINDOWS = 20  # a filtered page looks this far at most, then hands on a cursor
T = TypeVar("T")


def list_prefix(*parts: str) -> str:
    """Return the `_id` prefix of one list; parts are quoted so none can reach into another."""
    return "".join(_quoted(part) + _SEPARATOR for part in parts)


def _quoted(part: str) -> str:
    return quote(part, safe="").replace(".", "%2E")


def time_key(at: datetime) -> str:
    """Return an instant as text that sorts in time order (to number old items in order)."""
    moment = at if at.tzinfo else at.replace(tzinfo=UTC)
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%S%f}"


@dataclass(frozen=True)
class Placement:
    """An item joining one list: the list's counter group and name, and the item."""

    group: str
    name: str
    item_id: str
    tenant_id: str

    @property
    def field(self) -> str:
        """Return the list's counter field (quoted: no dot or dollar reaches MongoDB)."""
        return _quoted(self.name)

    @property
    def prefix(self) -> str:
        """Return the `_id` prefix of the list's entries."""
        return self.group + self.field + _SEPARATOR


@dataclass(frozen=True)
class Page(Generic[T]):
    """Items of one page and the cursor key of the next one (None: this was the last page)."""

    items: list[T]
    next_after: str | None


class PositionIndex(TenantRepository):
    """Entries written in the transaction of the item that joins a list; read by `$in` only."""

    async def append(self, placements: Sequence[Placement], session: AsyncClientSession) -> None:
        """Number the item at the end of each list (lists of one group share a counter)."""
        by_group: dict[str, list[Placement]] = {}
        for placement in placements:
            by_group.setdefault(placement.group, []).append(placement)
        entries: list[Document] = []
        for group, joining in by_group.items():
            counters = await self._collection.find_one_and_update(
                {"_id": group + _COUNTERS},
                {
                    "$inc": {p.field: 1 for p in joining},
                    # `$set`, not `$setOnInsert`: NX-27017's findAndModify upsert drops the latter.
                    "$set": {"tenant_id": joining[0].tenant_id},
                },
                upsert=True,
                return_document=ReturnDocument.AFTER,
                session=session,
            )
            assert counters is not None  # an upsert that returns the document after it
            entries += [_entry(p, int(counters[p.field])) for p in joining]
        # Held to the transaction's end: each entry is under a position just counted, so no
        # other unit of work can touch it before commit.
        if entries:
            await insert_later(session, self._collection, entries)

    async def page(
        self,
        group: str,
        name: str,
        *,
        after: str | None,
        limit: int,
        load: Callable[[list[str]], Awaitable[Mapping[str, T]]],
        keep: Callable[[T], bool] = lambda _: True,
        newest_first: bool = False,
    ) -> Page[T]:
        """Return up to `limit` kept items of a list after a cursor key."""
        placement = Placement(group, name, "", "")
        prefix = placement.prefix
        length = await self._length(group, placement.field)
        step = -1 if newest_first else 1
        position = _position(after) if after else (length + 1 if newest_first else 0)
        found: list[tuple[int, T]] = []
        for _ in range(_MOST_WINDOWS):
            window = _window(position, step, limit + 1, length)
            if not window:
                break
            ids = [prefix + _number(p) for p in window]
            entries = await self._collection.find({"_id": {"$in": ids}}).to_list()
            items = await load([e["item_id"] for e in entries])
            placed = {e["position"]: items.get(e["item_id"]) for e in entries}
            found += [(p, i) for p in window if (i := placed.get(p)) is not None and keep(i)]
            position = window[-1]
            if len(found) > limit:
                break
        if len(found) > limit:
            return Page([item for _, item in found[:limit]], _key(found[limit - 1][0]))
        ended = not _window(position, step, 1, length)
        return Page([item for _, item in found], None if ended else _key(position))

    async def _length(self, group: str, field: str) -> int:
        counters = await self._collection.find_one({"_id": group + _COUNTERS})
        return int(counters.get(field, 0)) if counters else 0

    async def backfill(self, placements: AsyncIterator[tuple[str, Placement]]) -> int:
        """Number the items stored before these lists existed, in their order, once."""
        if await self._collection.find_one({"_id": _BACKFILLED}) is not None:
            return 0
        lists: dict[tuple[str, str], list[tuple[str, Placement]]] = {}
        async for order, placement in placements:
            lists.setdefault((placement.group, placement.field), []).append((order, placement))
        lengths: dict[str, dict[str, int]] = {}
        tenants: dict[str, str] = {}
        for (group, field), members in lists.items():
            members.sort(key=lambda member: member[0])
            for position, (_, placement) in enumerate(members, start=1):
                entry = _entry(placement, position)
                await self._collection.replace_one({"_id": entry["_id"]}, entry, upsert=True)
            lengths.setdefault(group, {})[field] = len(members)
            tenants[group] = members[0][1].tenant_id
        for group, counts in lengths.items():
            await self._collection.update_one(
                {"_id": group + _COUNTERS},
                {"$max": counts, "$setOnInsert": {"tenant_id": tenants[group]}},
                upsert=True,
            )
        # Written last: a start-up that stops half-way numbers the same items again.
        await self._collection.replace_one({"_id": _BACKFILLED}, {"_id": _BACKFILLED}, upsert=True)
        return sum(len(members) for members in lists.values())


def _entry(placement: Placement, position: int) -> Document:
    return {
        "_id": placement.prefix + _number(position),
        "tenant_id": placement.tenant_id,
        "item_id": placement.item_id,
        "position": position,
    }


def _number(position: int) -> str:
    return f"{position:0{_WIDTH}d}"


def _key(position: int) -> str:
    # `value NUL id`, the shape of every cursor key (shared.http.cursors checks it).
    return f"{_number(position)}\x00"


def _position(after: str) -> int:
    value = after.split("\x00", 1)[0]
    if not (value.isascii() and value.isdigit() and len(value) <= _WIDTH):
        raise InvalidInput.for_field(
            "query.cursor", "Nieprawidłowy kursor.", "Invalid cursor.", "cursor"
        )
    return int(value)


def _window(position: int, step: int, size: int, length: int) -> list[int]:
    """Return up to `size` positions after `position` in the direction of `step`, within 1..n."""
    candidates = (position + step * offset for offset in range(1, size + 1))
    return [p for p in candidates if 1 <= p <= length]
