"""Writes held until a transaction's end, then sent in one command per collection.

On NX-27017 a service runs one transaction at a time and every command in it is a round trip
that all other transactions wait for. A write whose answer the unit of work does not need (an
upsert that only sets on insert, one per event of a consumer's batch) can wait for the end of
the transaction and go with the others to its collection in one `bulk_write`.

Reads and direct writes of a collection through `read_one` and `settle` (the tenant
repositories use them) see it as if nothing were held: a read by `_id` answers from a held
insert or whole-document replacement of that document, and whatever else could depend on the
held writes sends them first. Code that talks to a collection without them must not meet its
held writes: hold only writes that nothing else in the transaction reaches.

The client-level `bulkWrite` (MongoDB 8.0, one command across collections) would save more,
but NX-27017 refuses it inside a transaction ("Cross-database transactions are not supported":
it runs on the `admin` database).
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from pymongo import InsertOne, ReplaceOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection

__all__ = [
    "HeldWrite",
    "WriteBehind",
    "insert_later",
    "plain_id",
    "read_one",
    "replace_later",
    "settle",
    "upsert_later",
]

Document = dict[str, Any]  # as in shared.mongo, which builds on this module
Collection = AsyncCollection[Document]


@dataclass(frozen=True)
class HeldWrite:
    """An insert (`update` None) or an upsert of one document, held for the transaction's end."""

    collection: Collection
    document: Document  # the document to insert, or the upsert's filter
    update: Document | None = None
    replaces: bool = False  # `update` is the whole new document, not update operators

    @property
    def written(self) -> Document | None:
        """Return the whole document this write leaves, when it is known without the store."""
        if self.update is None:
            return self.document
        return self.update if self.replaces else None

    def model(self) -> InsertOne[Document] | UpdateOne | ReplaceOne[Document]:
        """Return the pymongo write model."""
        if self.update is None:
            return InsertOne(self.document)
        if self.replaces:
            return ReplaceOne(self.document, self.update, upsert=True)
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

    async def read_one(self, collection: Collection, query: Mapping[str, Any]) -> Document | None:
        """Find one document as if the held writes were sent; by `_id`, without sending them."""
        versions = self._versions(collection, plain_id(query))
        if versions is None:
            await self.flush_collection(collection)
        elif versions:
            newest = versions[-1]
            found = all(newest.get(field) == value for field, value in query.items())
            return copy.deepcopy(newest) if found else None
        return await collection.find_one(query, session=self._session)

    async def before(self, collection: Collection, document_id: Any = None) -> None:
        """Send the held writes that a command on `document_id` (None: any) must follow."""
        if self._versions(collection, document_id) != []:
            await self.flush_collection(collection)

    async def flush(self) -> None:
        """Send the held writes: one command per collection, in order within it."""
        writes, self._writes = self._writes, []
        await _send(writes, self._session)

    async def flush_collection(self, collection: Collection) -> None:
        """Send what one collection holds now, before a query or a write that depends on it."""
        writes = self._of(collection)
        if writes:
            sent = {id(write) for write in writes}
            self._writes = [write for write in self._writes if id(write) not in sent]
            await _send(writes, self._session)

    def _versions(self, collection: Collection, document_id: Any) -> list[Document] | None:
        """Return the held versions of one document, oldest first; None when unknowable."""
        held = self._of(collection)
        if not held:
            return []
        written = [write.written for write in held]
        if document_id is None or any(document is None for document in written):
            return None  # a query or an upsert by filter: only the store can tell
        return [d for d in written if d is not None and d.get("_id") == document_id]

    def _of(self, collection: Collection) -> list[HeldWrite]:
        name = collection.full_name
        return [write for write in self._writes if write.collection.full_name == name]


async def _send(writes: list[HeldWrite], session: AsyncClientSession | None) -> None:
    """Send `writes`: one command per collection, in order within it."""
    for collection, run in _runs(writes):
        models = [write.model() for write in run]
        await collection.bulk_write(models, ordered=True, session=session)


def upsert_later(
    session: AsyncClientSession | None, collection: Collection, query: Document, update: Document
) -> Awaitable[Any]:
    """Hold an upsert whose outcome nobody reads; upsert now outside a transaction."""
    return _later(session, [HeldWrite(collection, query, update)])


def replace_later(
    session: AsyncClientSession | None, collection: Collection, query: Document, document: Document
) -> Awaitable[Any]:
    """Hold a whole-document upsert of `document` (which names its `_id`) matching `query`."""
    return _later(session, [HeldWrite(collection, query, document, replaces=True)])


def insert_later(
    session: AsyncClientSession | None, collection: Collection, documents: list[Document]
) -> Awaitable[Any]:
    """Hold inserts of new documents."""
    # Only documents under keys no other unit of a commit group can know yet (a new
    # organization's, an audit entry's): a group's held writes go after all its direct ones.
    return _later(session, [HeldWrite(collection, document) for document in documents])


def _later(session: AsyncClientSession | None, writes: list[HeldWrite]) -> Awaitable[Any]:
    """Hold `writes` in the transaction of `session`, or send them now outside one."""
    held = _held(session)
    if held is None:
        return _send(writes, session)
    for write in writes:
        held.hold(write)
    return _done()


async def read_one(
    session: AsyncClientSession | None, collection: Collection, query: Mapping[str, Any]
) -> Document | None:
    """Find one document as the transaction of `session` would with its held writes sent."""
    held = _held(session)
    if held is None:
        return await collection.find_one(query, session=session)
    return await held.read_one(collection, query)


async def settle(
    session: AsyncClientSession | None, collection: Collection, document_id: Any = None
) -> None:
    """Send the held writes that a query, or a direct write of `document_id`, must follow."""
    held = _held(session)
    if held is not None:
        await held.before(collection, document_id)


def _held(session: AsyncClientSession | None) -> WriteBehind | None:
    return _HELD.get(session) if session is not None else None


def plain_id(query: Mapping[str, Any]) -> Any:
    """Return the `_id` that a query names by plain equality, else None."""
    if any(isinstance(value, Mapping) for value in query.values()):
        return None
    return query.get("_id")


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
