"""Bulk import jobs: the uploaded rows in chunks, progress counters and row errors."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, IndexModel, ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from shared.key_ranges import KEY, KEY_INDEX, backfill_keys, scoped_page
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

    async def claim_next(self, owner: str, *, now: float) -> Document | None:
        """Take a queued job, or one whose worker stopped beating (any tenant: a worker job)."""
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

    async def beat(self, job_id: str, owner: str, *, now: float) -> None:
        """Record that the worker is alive (`now` in seconds since the epoch)."""
        await self._collection.update_one(
            {"_id": job_id, "owner": owner}, {"$set": {"heartbeat": now}}
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
    """Rows that could not be imported, with field and reason; paged by `key` in row order."""

    collection_name = "import_errors"
    tenant_prefixed = (KEY,)
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("job_id", ASCENDING), ("row", ASCENDING)], name="job_row"
        ),
        KEY_INDEX,
    )

    async def add(self, tenant: TenantContext, job_id: str, errors: list[Document]) -> None:
        """Store errors of one chunk; a retried chunk overwrites its own errors."""
        for error in errors:
            # The zero-padded row makes key order row order: a page is one range of `key`.
            row, field = int(error["row"]), error["field"]
            key = f"{job_id}:{row:09d}:{field}"
            document = {"_id": key, KEY: _error_key(tenant.tenant_id, job_id, row, field)}
            await self._collection.replace_one(
                self._scoped(tenant, {"_id": key}),
                self._scoped(tenant, {**document, "job_id": job_id, **error}),
                upsert=True,
            )

    async def page(
        self, tenant: TenantContext, job_id: str, *, limit: int, after: str | None = None
    ) -> tuple[list[Document], str | None]:
        """Return a page of errors by row, and the key the next page starts after."""
        return await scoped_page(
            self._collection, (tenant.tenant_id, job_id), after=after, limit=limit
        )

    async def backfill(self) -> int:
        """Give errors stored before `key` existed theirs, once."""
        return await backfill_keys(self._collection, _key_of_stored)


def _error_key(tenant_id: str, job_id: str, row: int, field: str) -> str:
    return f"{tenant_id}|{job_id}|{row:09d}|{field}"


def _key_of_stored(document: Document) -> str | None:
    job_id, row, field = document.get("job_id"), document.get("row"), document.get("field")
    tenant = document.get("tenant_id")
    if not (tenant and job_id and field and str(row).isdigit()):
        return None
    return _error_key(tenant, job_id, int(str(row)), field)
