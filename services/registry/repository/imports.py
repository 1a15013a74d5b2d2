"""Bulk import jobs: the uploaded rows in chunks, progress counters and row errors."""

from __future__ import annotations

import time
from typing import Any

from pymongo import ASCENDING, IndexModel, ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from services.registry.repository.keys import KEY, add_keys, key_span, keyed
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["ImportChunks", "ImportErrors", "ImportJobs"]

STALE_AFTER_SECONDS = 60.0


class ImportJobs(TenantRepository):
    """One document per import with its state and counters."""

    collection_name = "import_jobs"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("created_at", ASCENDING)], name="tenant_created"),
    )

    async def create(self, tenant: TenantContext, job: Document) -> None:
        """Insert a new job."""
        await self._collection.insert_one(self._scoped(tenant, job))

    async def delete(self, tenant: TenantContext, job_id: str) -> None:
        """Remove a job whose upload was refused."""
        await self._collection.delete_one(self._scoped(tenant, {"_id": job_id}))

    async def get(self, tenant: TenantContext, job_id: str) -> Document | None:
        """Return a job of the tenant."""
        return await self._find_one(tenant, {"_id": job_id})

    async def update(
        self,
        tenant: TenantContext,
        job_id: str,
        changes: dict[str, Any],
        session: AsyncClientSession | None = None,
    ) -> None:
        """Apply an update (counters with $inc, state with $set) to a job."""
        await self._collection.update_one(
            self._scoped(tenant, {"_id": job_id}), changes, session=session
        )

    async def advance(
        self,
        tenant: TenantContext,
        job_id: str,
        seq: int,
        counters: dict[str, int],
        session: AsyncClientSession,
    ) -> None:
        """Record a committed chunk, in its transaction; a replayed chunk matches nothing."""
        await self._collection.update_one(
            self._scoped(tenant, {"_id": job_id, "next_chunk": seq}),
            {"$set": {"next_chunk": seq + 1}, "$inc": counters},
            session=session,
        )

    async def claim_next(self, owner: str) -> Document | None:
        """Take a queued job, or one whose worker stopped beating (any tenant: a worker job)."""
        now = time.time()
        return await self._collection.find_one_and_update(
            {
                "$or": [
                    {"state": "queued"},
                    {"state": "running", "heartbeat": {"$lt": now - STALE_AFTER_SECONDS}},
                ]
            },
            {"$set": {"state": "running", "owner": owner, "heartbeat": now}},
            return_document=ReturnDocument.AFTER,
        )

    async def beat(self, job_id: str, owner: str) -> None:
        """Record that the worker is alive."""
        await self._collection.update_one(
            {"_id": job_id, "owner": owner}, {"$set": {"heartbeat": time.time()}}
        )


class ImportChunks(TenantRepository):
    """The uploaded rows, kept in numbered chunks so a large file never sits in memory."""

    collection_name = "import_chunks"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("job_id", ASCENDING), ("seq", ASCENDING)], name="job_seq"
        ),
    )

    async def add(self, tenant: TenantContext, job_id: str, seq: int, rows: list[Document]) -> None:
        """Store one chunk of rows (each with its row number)."""
        await self._collection.insert_one(
            self._scoped(
                tenant, {"_id": f"{job_id}:{seq}", "job_id": job_id, "seq": seq, "rows": rows}
            )
        )

    async def get(self, tenant: TenantContext, job_id: str, seq: int) -> list[Document]:
        """Return one chunk's rows."""
        document = await self._find_one(tenant, {"_id": f"{job_id}:{seq}"})
        return list(document["rows"]) if document else []

    async def drop(self, tenant: TenantContext, job_id: str) -> None:
        """Delete a finished job's rows."""
        await self._collection.delete_many(self._scoped(tenant, {"job_id": job_id}))


class ImportErrors(TenantRepository):
    """Rows that could not be imported, with field and reason."""

    collection_name = "import_errors"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("job_id", ASCENDING), ("row", ASCENDING)], name="job_row"
        ),
        IndexModel([("tenant_id", ASCENDING), (KEY, ASCENDING)], name="tenant_key"),
    )

    async def add(self, tenant: TenantContext, job_id: str, errors: list[Document]) -> None:
        """Store errors of one chunk; a retried chunk overwrites its own errors."""
        for error in errors:
            # The zero-padded row makes `key` (= `_id`) order row order: a page is one range.
            key = f"{job_id}:{int(error['row']):09d}:{error['field']}"
            await self._collection.replace_one(
                self._scoped(tenant, {"_id": key}),
                self._scoped(tenant, keyed({"_id": key, "job_id": job_id, **error})),
                upsert=True,
            )

    async def add_keys(self) -> int:
        """Give errors stored before `key` existed their `key`, once."""
        return await add_keys(self._collection)

    async def page(self, tenant: TenantContext, job_id: str, *, limit: int) -> list[Document]:
        """Return the first errors by row, read as one range of `key` (SQL on NX-27017)."""
        query = self._scoped(tenant, {KEY: key_span(f"{job_id}:")})
        cursor = self._collection.find(query).sort(KEY, ASCENDING).limit(limit)
        found = await cursor.to_list()
        return sorted(found, key=lambda d: d["row"])  # rows stored before the padding
