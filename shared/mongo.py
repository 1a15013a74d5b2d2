"""MongoDB on PyMongo's async client: connection, tenant-scoped repositories, indexes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from pymongo import AsyncMongoClient, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from shared.tenancy import TenantContext
from shared.write_behind import plain_id, read_one, settle

__all__ = [
    "Document",
    "MongoClient",
    "TenantRepository",
    "connect",
    "ensure_indexes",
]

Document = dict[str, Any]
MongoClient = AsyncMongoClient[Document]


def connect(uri: str) -> MongoClient:
    """Create the process-wide client (lazy: it connects on first use)."""
    return AsyncMongoClient(uri, tz_aware=True, uuidRepresentation="standard")


class TenantRepository:
    """Base of repositories of tenant data: every query and write carries `tenant_id`."""

    collection_name: ClassVar[str]
    indexes: ClassVar[Sequence[IndexModel]] = ()
    # Fields that tie a document to tenants; reads match any of them.
    tenant_fields: ClassVar[tuple[str, ...]] = ("tenant_id",)
    # Fields whose every value starts with the tenant id (shared/key_ranges.py): an index may
    # start with them, as a range of them stays within one tenant.
    tenant_prefixed: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for index in cls.__dict__.get("indexes", ()):
            first_key = next(iter(index.document["key"]))
            if first_key not in (*cls.tenant_fields, *cls.tenant_prefixed):
                raise TypeError(
                    f"{cls.__name__}: index {index.document} must start with {cls.tenant_fields}"
                )

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._collection: AsyncCollection[Document] = database[self.collection_name]

    @staticmethod
    def _scoped(tenant: TenantContext, query: Mapping[str, Any]) -> Document:
        """Restrict a query or a new document to the caller's own tenant."""
        return {**query, "tenant_id": tenant.tenant_id}

    def _visible(self, tenant: TenantContext, query: Mapping[str, Any]) -> Document:
        """Restrict a read to every tenant the caller may read."""
        ids = list(tenant.visible_tenant_ids)
        match: Any = ids[0] if len(ids) == 1 else {"$in": ids}
        branches = [{name: match} for name in self.tenant_fields]
        scope = branches[0] if len(branches) == 1 else {"$or": branches}
        return {"$and": [dict(query), scope]} if query else scope

    async def _find_one(
        self,
        tenant: TenantContext,
        query: Mapping[str, Any],
        session: AsyncClientSession | None = None,
    ) -> Document | None:
        return await read_one(session, self._collection, self._scoped(tenant, query))

    async def _find(
        self,
        tenant: TenantContext,
        query: Mapping[str, Any],
        *,
        sort: Sequence[tuple[str, int]] = (("_id", 1),),
        limit: int = 100,
        session: AsyncClientSession | None = None,
    ) -> list[Document]:
        await settle(session, self._collection)
        cursor = self._collection.find(self._scoped(tenant, query), session=session)
        return await cursor.sort(list(sort)).limit(limit).to_list()

    async def _count(self, tenant: TenantContext, query: Mapping[str, Any]) -> int:
        return await self._collection.count_documents(self._scoped(tenant, query))

    async def _insert(
        self, tenant: TenantContext, document: Mapping[str, Any], session: AsyncClientSession
    ) -> None:
        scoped = self._scoped(tenant, document)
        await settle(session, self._collection, scoped.get("_id"))
        await self._collection.insert_one(scoped, session=session)

    async def _update_one(
        self,
        tenant: TenantContext,
        query: Mapping[str, Any],
        update: Mapping[str, Any],
        session: AsyncClientSession,
    ) -> bool:
        scoped = self._scoped(tenant, query)
        await settle(session, self._collection, plain_id(scoped))
        result = await self._collection.update_one(scoped, update, session=session)
        return result.matched_count == 1


async def ensure_indexes(database: AsyncDatabase[Document], repositories: Sequence[type]) -> None:
    """Create the indexes each repository class declares in `indexes` (idempotent)."""
    for repository in repositories:
        indexes = list(getattr(repository, "indexes", ()))
        if indexes:
            await database[repository.collection_name].create_indexes(indexes)  # type: ignore[attr-defined]
