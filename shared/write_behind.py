"""Writes held until a transaction's end, then sent in one command per collection.

On NX-27017 a service runs one transaction at a time and every command in it is a round trip
that all other transactions wait for. A write whose answer the unit of work does not need (an
upsert that only sets on insert, one per event of a consumer's batch) can wait for the end of
the transaction and go with the others to its collection in one `bulk_write`. Hold only writes
that nothing in the same transaction reads back afterwards.

The client-level `bulkWrite` (MongoDB 8.0, one command across collections) would save more,
but NX-27017 refuses it inside a transaction ("Cross-database transactions are not supported":
it runs on the `admin` database).
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from pymongo import InsertOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection

from shared.mongo import Document

__all__ = ["HeldWrite", "WriteBehind", "insert_later", "upsert_later"]

Collection = AsyncCollection[Document]


@dataclass(frozen=True)
class HeldWrite:
    """An insert (`update` None) or an upsert of one document, held for the transaction's end."""

    collection: Collection
    document: Document  # the document to insert, or the upsert's filter
    update: Document | None = None

    def model(self) -> InsertOne[Document] | UpdateOne:
        """Return the pymongo write model."""
        if self.update is None:
            return InsertOne(self.document)
        return UpdateOne(self.document, self.update, upsert=True)


_HELD: WeakKeyDictionary[AsyncClientSession, WriteBehind] = WeakKeyDictionary()


class WriteBehind:
    """The writes one transaction attempt holds, in the order they were asked for."""

    def __init__(self, session: AsyncClientSession) -> None:
        self._session = session
        self._writes: list[HeldWrite] = []
        _HELD[session] = self  # a retried attempt starts with nothing held

    def hold(self, write: HeldWrite) -> None:
        """Keep `write` for the end of the transaction."""
        self._writes.append(write)

    async def flush(self, tail: Sequence[HeldWrite] = ()) -> None:
        """Send the held writes, then `tail`: one command per collection, in order within it."""
        writes, self._writes = [*self._writes, *tail], []
        for collection, run in _runs(writes):
            models = [write.model() for write in run]
            await collection.bulk_write(models, ordered=True, session=self._session)


def upsert_later(
    session: AsyncClientSession | None, collection: Collection, query: Document, update: Document
) -> Awaitable[Any]:
    """Hold an upsert whose outcome nobody reads; upsert now outside a transaction."""
    held = _HELD.get(session) if session is not None else None
    if held is None:
        return collection.update_one(query, update, upsert=True, session=session)
    held.hold(HeldWrite(collection, query, update))
    return _done()


def insert_later(
    session: AsyncClientSession | None, collection: Collection, documents: list[Document]
) -> Awaitable[Any]:
    """Hold inserts of new documents that nobody reads back in this transaction."""
    # Only documents under keys no other unit of a commit group can know yet (a new
    # organization's, an audit entry's): a group's held writes go after all its direct ones.
    held = _HELD.get(session) if session is not None else None
    if held is None:
        return collection.insert_many(documents, session=session)
    for document in documents:
        held.hold(HeldWrite(collection, document))
    return _done()


async def _done() -> None:
    return None


def _runs(writes: list[HeldWrite]) -> list[tuple[Collection, list[HeldWrite]]]:
    # One run per collection, in the order each was first written, each in its own order:
    # held writes never read each other, so only the order within a collection can matter,
    # and interleaved collections (an item, its read-model entries, the next item) would
    # otherwise cost a command per write.
    runs: dict[str, tuple[Collection, list[HeldWrite]]] = {}
    for write in writes:
        runs.setdefault(write.collection.full_name, (write.collection, []))[1].append(write)
    return list(runs.values())
