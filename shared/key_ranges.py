"""Pages read as a range of one indexed `key` field: the one range NX-27017 serves from an index.

NX-27017 (neosqlite 1.17) answers a range of `_id` by loading and sorting the whole collection
in Python, and an equality on another field next to a range by a scan; a range of one indexed
plain field, sorted by that field, is a range of its SQLite index (about 1 ms at 100,000
documents). Real MongoDB serves the same query from the same index. So a paged list stores its
order as `key`, a string that starts with its scope (tenant, organization, job), and reads a page
as one `key` range; the scope in the key keeps other scopes out without a second condition.
"""

from __future__ import annotations

from collections.abc import Callable

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.collection import AsyncCollection

from shared.mongo import Document

__all__ = ["KEY", "KEY_INDEX", "backfill_keys", "key_page", "scope_bounds", "scoped_page"]

KEY = "key"
KEY_INDEX = IndexModel([(KEY, ASCENDING)], name="key")
_SEPARATOR = "|"
_KEYED_MARK = "!keyed"  # present once every document carries its key


def scope_bounds(*scope: str) -> tuple[str, str]:
    """Return the exclusive bounds of every key under `scope` (parts joined by `|`)."""
    prefix = _SEPARATOR.join(scope) + _SEPARATOR
    return prefix, prefix[:-1] + chr(ord(_SEPARATOR) + 1)


async def key_page(
    collection: AsyncCollection[Document],
    low: str,
    high: str,
    *,
    limit: int,
    newest_first: bool = False,
) -> list[Document]:
    """Return up to `limit` documents whose key lies strictly between `low` and `high`."""
    order = DESCENDING if newest_first else ASCENDING
    query = {KEY: {"$gt": low, "$lt": high}}
    return await collection.find(query).sort(KEY, order).limit(limit).to_list()


async def scoped_page(
    collection: AsyncCollection[Document],
    scope: tuple[str, ...],
    *,
    after: str | None,
    limit: int,
    newest_first: bool = False,
) -> tuple[list[Document], str | None]:
    """Return a page of the keys under `scope` past `after`, and the key the next page follows.

    A key outside the scope (a cursor of another list) is a ValueError.
    """
    low, high = scope_bounds(*scope)
    if after is not None:
        if not low < after < high:
            raise ValueError("the key is not of this list")
        high, low = (after, low) if newest_first else (high, after)
    found = await key_page(collection, low, high, limit=limit + 1, newest_first=newest_first)
    return found[:limit], found[limit - 1][KEY] if len(found) > limit else None


async def backfill_keys(
    collection: AsyncCollection[Document], key_of: Callable[[Document], str | None]
) -> int:
    """Give documents written before `key` existed theirs, once; return how many got one."""
    if await collection.find_one({"_id": _KEYED_MARK}) is not None:
        return 0
    keyed = 0
    async for document in collection.find({KEY: {"$exists": False}}):
        key = key_of(document) if document["_id"] != _KEYED_MARK else None
        if key is not None:
            await collection.update_one({"_id": document["_id"]}, {"$set": {KEY: key}})
            keyed += 1
    # Recorded last: a crash before it only repeats the (idempotent) pass at the next start.
    await collection.replace_one({"_id": _KEYED_MARK}, {"_id": _KEYED_MARK}, upsert=True)
    return keyed
