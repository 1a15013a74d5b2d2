"""Storage of aggregates: typed query fields at the top of a document, the aggregate in `data`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from pydantic import TypeAdapter
from pymongo.asynchronous.client_session import AsyncClientSession

from shared.contracts.base import EventContract
from shared.errors import Conflict, Text
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["Aggregate", "AggregateRepository"]


class Aggregate(Protocol):
    """What every stored aggregate has: identity, tenant, version and pending events."""

    @property
    def id(self) -> str: ...

    tenant_id: str
    version: int
    events: list[EventContract]


A = TypeVar("A", bound=Aggregate)
_NOT_STORED = {"events", "version"}


class AggregateRepository(TenantRepository, Generic[A]):
    """Adds, replaces (optimistic lock on `version`) and finds aggregates of one kind."""

    adapter: ClassVar[TypeAdapter[Any]]
    # Said in the 409 answer when someone else saved the aggregate first.
    stale: ClassVar[Text] = Text(
        "Ktoś inny zmienił te dane w międzyczasie; pobierz je ponownie.",
        "Someone else changed this meanwhile; fetch it again.",
    )

    def query_fields(self, aggregate: A) -> Document:
        """Return the fields queries and indexes use, kept beside the aggregate's data."""
        return {}

    def load(self, document: Document) -> A:
        """Rebuild the aggregate from a stored document."""
        aggregate: A = self.adapter.validate_python(document["data"])
        aggregate.version = int(document["version"])
        return aggregate

    def dump(self, aggregate: A) -> Document:
        """Return the aggregate's data as JSON-compatible values."""
        # JSON mode: dates, decimals and sets become text and lists inside `data`, so only the
        # typed query fields need real dates (written whole, never by `$set`: NX-27017).
        data: Document = self.adapter.dump_python(aggregate, mode="json", exclude=_NOT_STORED)
        return data

    def _document(self, aggregate: A) -> Document:
        return {
            "_id": aggregate.id,
            "tenant_id": aggregate.tenant_id,
            "version": aggregate.version,
            **self.query_fields(aggregate),
            "data": self.dump(aggregate),
        }

    async def add(self, aggregate: A, session: AsyncClientSession) -> None:
        """Insert a new aggregate under its own tenant."""
        await self._insert(TenantContext(aggregate.tenant_id), self._document(aggregate), session)

    async def save(self, aggregate: A, session: AsyncClientSession) -> None:
        """Replace the stored aggregate unless someone saved it meanwhile (then 409)."""
        expected = aggregate.version
        aggregate.version += 1
        result = await self._collection.replace_one(
            {"_id": aggregate.id, "tenant_id": aggregate.tenant_id, "version": expected},
            self._document(aggregate),
            session=session,
        )
        if result.matched_count != 1:
            aggregate.version = expected
            raise Conflict(detail=self.stale, extra={"reason": "stale"})

    async def get(
        self, tenant: TenantContext, aggregate_id: str, session: AsyncClientSession | None = None
    ) -> A | None:
        """Return an aggregate of the caller's own tenant."""
        document = await self._find_one(tenant, {"_id": aggregate_id}, session)
        return self.load(document) if document else None

    async def get_visible(self, tenant: TenantContext, aggregate_id: str) -> A | None:
        """Return an aggregate of any tenant the caller may read."""
        document = await self._collection.find_one(self._visible(tenant, {"_id": aggregate_id}))
        return self.load(document) if document else None

    async def find(
        self,
        tenant: TenantContext,
        query: Mapping[str, Any],
        *,
        sort: Sequence[tuple[str, int]] = (("_id", 1),),
        limit: int = 500,
        session: AsyncClientSession | None = None,
    ) -> list[A]:
        """Return the tenant's aggregates matching `query`."""
        found = await self._find(tenant, query, sort=sort, limit=limit, session=session)
        return [self.load(document) for document in found]

    async def find_visible(
        self,
        tenant: TenantContext,
        query: Mapping[str, Any],
        *,
        sort: Sequence[tuple[str, int]] = (("_id", 1),),
        limit: int = 500,
    ) -> list[A]:
        """Return matching aggregates of every tenant the context may read."""
        return await self._load_many(self._visible(tenant, query), sort=sort, limit=limit)

    async def find_across_tenants(self, query: Mapping[str, Any], *, limit: int = 1000) -> list[A]:
        """Return matching aggregates of every tenant (periodic jobs only)."""
        return await self._load_many(query, sort=[("_id", 1)], limit=limit)

    def listed(self, tenant: TenantContext) -> Callable[[list[str]], Awaitable[dict[str, A]]]:
        """Return the loader of a page's aggregates by id, keeping the tenant's only."""

        async def load(ids: list[str]) -> dict[str, A]:
            if not ids:  # an empty `$in` would make NX-27017 read the whole collection
                return {}
            # `_id` alone, which NX-27017 looks up in its index; the tenant is checked here.
            found = await self._collection.find({"_id": {"$in": ids}}).to_list()
            return {d["_id"]: self.load(d) for d in found if d["tenant_id"] == tenant.tenant_id}

        return load

    async def every(self, batch: int = 1000) -> AsyncIterator[A]:
        """Yield every aggregate of every tenant, by `_id` ranges (start-up backfills only)."""
        after = ""
        while True:
            cursor = self._collection.find({"_id": {"$gt": after}}).sort("_id", 1).limit(batch)
            page = await cursor.to_list()
            for document in page:
                yield self.load(document)
            if len(page) < batch:
                return
            after = page[-1]["_id"]

    async def _load_many(
        self,
        query: Mapping[str, Any],
        *,
        sort: Sequence[tuple[str, int]],
        limit: int,
        session: AsyncClientSession | None = None,
    ) -> list[A]:
        cursor = self._collection.find(dict(query), session=session).sort(list(sort)).limit(limit)
        return [self.load(document) for document in await cursor.to_list()]
