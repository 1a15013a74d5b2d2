"""Read models paged by `key`, a copy of `_id`: a range the embedded store serves in SQL."""

from __future__ import annotations

from typing import Any

from pymongo.asynchronous.collection import AsyncCollection

from shared.mongo import Document

__all__ = ["KEY", "add_keys", "key_span", "keyed"]

# NX-27017 (0.8.1) answers a range of `_id` by reading and sorting the whole collection in
# Python; a range of a plain field runs in SQLite (from an index where one leads with it).
# Real MongoDB serves either from an index.
KEY = "key"
_MARK = "!keyed"  # present once every document of the collection carries its `key`


def key_span(prefix: str, after: str | None = None) -> dict[str, str]:
    """Return the range of the keys that start with `prefix`, past `after` if given."""
    end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return {"$gt": after or prefix, "$lt": end}


async def add_keys(collection: AsyncCollection[Document]) -> int:
    """Copy `_id` into `key` where an earlier version wrote none, once; return how many."""
    if await collection.find_one({"_id": _MARK}) is not None:
        return 0
    count = 0
    async for document in collection.find({}, projection={KEY: 1}):
        if KEY not in document and not str(document["_id"]).startswith("!"):
            await collection.update_one({"_id": document["_id"]}, {"$set": {KEY: document["_id"]}})
            count += 1
    await collection.replace_one({"_id": _MARK}, {"_id": _MARK}, upsert=True)
    return count


def keyed(document: dict[str, Any]) -> dict[str, Any]:
    """Return a new document with its `key` set to its `_id`."""
    return {**document, KEY: document["_id"]}
