"""The inbox read model: per (tenant, audience key) a numbered stream of entries, read by `_id`.

Why numbers, not `_id` ranges: NX-27017 (neosqlite 1.17) answers `$gt`/`$lt` on `_id` in
Python over the whole collection (hundreds of milliseconds at 20,000 documents), but an exact
`_id` or an `_id` `$in` in SQL, in a few milliseconds. A stream's head holds its last number,
so a page is one lookup of the heads and one `$in` of the next numbers of each stream: it reads
O(page) documents, never the collection. Real MongoDB serves the same lookups from `_id`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from urllib.parse import quote

from pymongo import UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.inbox import InboxItem
from services.notifications.domain.inbox_order import InboxCursor, order_key
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext
from shared.transaction_memo import memoized
from shared.write_behind import upsert_later

__all__ = ["InboxHeads", "InboxPage", "InboxStreams"]

_BACKFILLED = "!backfilled"
T = TypeVar("T")


def _stream_id(tenant_id: str, key: str) -> str:
    # Quoted, so no tenant or subject can make its stream's ids look like another's.
    return f"{quote(tenant_id, safe='')}|{quote(key, safe='')}"


def _entry_id(tenant_id: str, key: str, number: int) -> str:
    return f"{_stream_id(tenant_id, key)}|{number}"


@dataclass
class _Stream:
    """One audience key's entries, read newest first from `next` down to `floor`."""

    key: str
    next: int
    floor: int
    buffer: deque[Document] = field(default_factory=deque)

    @property
    def position(self) -> int:
        """Return the number of the first entry not yet taken."""
        return int(self.buffer[0]["number"]) if self.buffer else self.next


@dataclass(frozen=True)
class InboxPage(Generic[T]):
    """One page, newest first, and where the next page starts (None: the end)."""

    items: list[T]
    next: InboxCursor | None


class InboxHeads(TenantRepository):
    """Each stream's last number (`seq`, new entries) and lowest (`floor`, backfilled ones)."""

    collection_name = "inbox_heads"

    async def of(
        self, tenant: TenantContext, keys: Iterable[str], session: AsyncClientSession | None
    ) -> dict[str, tuple[int, int]]:
        """Return (last, lowest) numbers of the tenant's streams; an empty stream is (0, 1)."""
        ids = {_stream_id(tenant.tenant_id, key): key for key in keys}
        found = await self._find(
            tenant, {"_id": {"$in": sorted(ids)}}, limit=len(ids) or 1, session=session
        )
        heads = dict.fromkeys(ids.values(), (0, 1))
        for document in found:
            heads[ids[document["_id"]]] = (document.get("seq", 0), document.get("floor", 1))
        return heads

    async def backfilled(self) -> bool:
        """Return whether the items from before this read model have their entries."""
        return await self._collection.find_one({"_id": _BACKFILLED}) is not None

    async def mark_backfilled(self, count: int) -> None:
        """Record that the backfill ended (a mark outside every tenant, like a schema version)."""
        await self._collection.update_one(
            {"_id": _BACKFILLED}, {"$set": {"items": count}}, upsert=True
        )

    async def set_later(
        self, tenant_id: str, key: str, update: Document, session: AsyncClientSession | None
    ) -> None:
        """Hold (or, outside a transaction, make) a change of one stream's head."""
        query = {"_id": _stream_id(tenant_id, key), "tenant_id": tenant_id}
        await upsert_later(session, self._collection, query, update)


class InboxStreams(TenantRepository):
    """Entries written in the inbox item's own transaction; read by exact `_id` only."""

    collection_name = "inbox_entries"

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        super().__init__(database)
        self.heads = InboxHeads(database)

    async def add(self, items: Sequence[InboxItem], session: AsyncClientSession | None) -> None:
        """Append each item to the stream of each of its audience keys."""
        for item in items:
            tenant = TenantContext(item.tenant_id)
            last = await self._last_numbers(tenant, item.audience, session)
            for key in sorted(item.audience):
                last[key] += 1
                await self._put_later(item, key, last[key], session)
                await self.heads.set_later(
                    item.tenant_id, key, {"$set": {"seq": last[key]}}, session
                )

    async def _last_numbers(
        self, tenant: TenantContext, keys: Iterable[str], session: AsyncClientSession | None
    ) -> dict[str, int]:
        # The attempt's own running numbers: a consumer's batch reads each head once and
        # counts on in memory, as its held writes reach the store only at the commit.
        last: dict[str, int] = await memoized(session, ("inbox_heads", tenant.tenant_id), _empty)
        missing = [key for key in keys if key not in last]
        if missing:
            heads = await self.heads.of(tenant, missing, session)
            last.update({key: seq for key, (seq, _) in heads.items()})
        return last

    async def _put_later(
        self, item: InboxItem, key: str, number: int, session: AsyncClientSession | None
    ) -> None:
        entry_id = _entry_id(item.tenant_id, key, number)
        await upsert_later(
            session,
            self._collection,
            {"_id": entry_id, "tenant_id": item.tenant_id},
            {"$setOnInsert": _entry(item, number)},
        )

    async def page(
        self,
        tenant: TenantContext,
        keys: Iterable[str],
        *,
        subject: str,
        after: InboxCursor | None,
        limit: int,
    ) -> InboxPage[str]:
        """Return the newest items of the streams after a cursor, but those `subject` is spared."""
        streams = await self._streams(tenant, keys, after)
        taken: list[Document] = []
        seen: set[str] = set()
        while len(taken) < limit:
            # Every stream not at its end must show its next entry before one is chosen.
            while empty := [s for s in streams if not s.buffer and s.next >= s.floor]:
                await self._fill(tenant, empty, limit - len(taken) + 1)
            live = [s for s in streams if s.buffer]
            if not live:
                break
            entry = max(live, key=lambda s: str(s.buffer[0]["order"])).buffer.popleft()
            # An item in several streams comes once: later copies share its order key.
            if after is not None and entry["order"] >= after.order:
                continue
            if entry["item_id"] in seen or subject in entry.get("excluded", ()):
                continue
            seen.add(entry["item_id"])
            taken.append(entry)
        more = len(taken) == limit and any(s.buffer or s.next >= s.floor for s in streams)
        cursor = (
            InboxCursor(taken[-1]["order"], {s.key: s.position for s in streams}) if more else None
        )
        return InboxPage([str(e["item_id"]) for e in taken], cursor)

    async def _streams(
        self, tenant: TenantContext, keys: Iterable[str], after: InboxCursor | None
    ) -> list[_Stream]:
        heads = await self.heads.of(tenant, keys, None)
        streams = []
        for key, (last, floor) in sorted(heads.items()):
            start = last if after is None else min(after.positions.get(key, last), last)
            streams.append(_Stream(key, start, floor))
        return streams

    async def _fill(self, tenant: TenantContext, streams: list[_Stream], batch: int) -> None:
        """Read the next `batch` entries of each stream in one `$in` of exact ids."""
        wanted: dict[str, _Stream] = {}
        for stream in streams:
            low = max(stream.floor, stream.next - batch + 1)
            for number in range(stream.next, low - 1, -1):
                wanted[_entry_id(tenant.tenant_id, stream.key, number)] = stream
            stream.next = low - 1
        if not wanted:
            return
        query = self._scoped(tenant, {"_id": {"$in": list(wanted)}})
        # One batch: the default first batch of 101 would cost a round trip per 101 entries.
        found = await self._collection.find(query).batch_size(len(wanted)).to_list()
        for document in sorted(found, key=lambda d: -int(d["number"])):
            wanted[document["_id"]].buffer.append(document)

    async def backfill(self, items: AsyncIterator[InboxItem]) -> int:
        """Give the items kept before this read model entries below each stream's first, once.

        `items` come newest first. Their numbers count down from 0 in that order, so a run
        cut short and run again writes the same entries, and entries that the consumer
        appends meanwhile (from 1 up) stay newer, as they are.
        """
        if await self.heads.backfilled():
            return 0
        floors: dict[tuple[str, str], int] = {}
        writes: list[UpdateOne] = []
        count = 0
        async for item in items:
            for key in sorted(item.audience):
                number = floors.get((item.tenant_id, key), 1) - 1
                floors[(item.tenant_id, key)] = number
                entry = {"tenant_id": item.tenant_id, **_entry(item, number)}
                query = {"_id": _entry_id(item.tenant_id, key, number)}
                writes.append(UpdateOne(query, {"$set": entry}, upsert=True))
            count += 1
            if len(writes) >= 500:
                await self._collection.bulk_write(writes)
                writes = []
        if writes:
            await self._collection.bulk_write(writes)
        for (tenant_id, key), floor in floors.items():
            await self.heads.set_later(tenant_id, key, {"$set": {"floor": floor}}, None)
        await self.heads.mark_backfilled(count)
        return count


async def _empty() -> dict[str, int]:
    return {}


def _entry(item: InboxItem, number: int) -> Document:
    return {
        "item_id": item.id,
        "number": number,
        "order": order_key(item),
        "excluded": sorted(item.excluded),
    }
