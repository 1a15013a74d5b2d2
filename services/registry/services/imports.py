"""Bulk import of a municipality's existing NGO list from CSV: upload and progress."""

from __future__ import annotations

import asyncio
import csv
import io
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime

from services.registry.adapters.csv_upload import (
    csv_encoding,
    csv_reader,
    numbered_rows,
    undecodable,
)
from services.registry.repository.imports import ImportChunks, ImportErrors, ImportJobs
from services.registry.services.import_rows import IMPORT_COLUMNS, RowError
from services.registry.services.onboarded import OnboardedTenants
from shared.clock import Clock
from shared.context import new_id
from shared.errors import DomainError, Forbidden, InvalidInput, NotFound, Text
from shared.logging import get_logger
from shared.mongo import Document
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["ImportJob", "ImportServices"]

CHUNK_ROWS = 500
CHUNK_CHARACTERS = 2_000_000  # at most 4 bytes each in UTF-8: well under 16 MB per chunk
log = get_logger(__name__)


@dataclass(frozen=True)
class ImportJob:
    """State and progress of an import, as the municipality's officers read it."""

    id: str
    state: str  # receiving, queued, running or done
    total_rows: int
    processed_rows: int
    created: int
    updated: int
    failed: int
    created_at: datetime
    finished_at: datetime | None = None
    errors: tuple[RowError, ...] = ()  # the first ones

    @classmethod
    def of(cls, job: Document, errors: list[RowError]) -> ImportJob:
        """Read a stored job and its first row errors."""
        return cls(
            id=job["_id"],
            state=job["state"],
            total_rows=job["total_rows"],
            processed_rows=job["processed_rows"],
            created=job["created"],
            updated=job["updated"],
            failed=job["failed"],
            created_at=job["created_at"],
            finished_at=job.get("finished_at"),
            errors=tuple(errors),
        )


@dataclass(frozen=True)
class ImportServices:
    """Accept uploads and report progress; the worker does the importing."""

    transactions: TransactionRunner
    jobs: ImportJobs
    chunks: ImportChunks
    errors: ImportErrors
    onboarded: OnboardedTenants
    clock: Clock
    max_rows: int = 200_000
    wake_worker: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(
        self, principal: Principal, body: AsyncIterator[bytes], *, content_type: str | None
    ) -> ImportJob:
        """Store an uploaded CSV in chunks and queue it for import; a bad file leaves nothing."""
        if not principal.has_role(Role.TENANT_OFFICER):
            raise Forbidden(
                detail=Text("Import wykonuje urzędnik gminy.", "Officers import lists.")
            )
        await self.onboarded.require(principal.tenant_id)
        encoding = csv_encoding(content_type)
        tenant = principal.tenant
        job_id = new_id()
        with tempfile.SpooledTemporaryFile(max_size=4 << 20) as spool:
            async for piece in body:
                spool.write(piece)
            spool.seek(0)
            text = io.TextIOWrapper(spool, encoding=encoding, newline="")
            try:
                reader = csv_reader(text, IMPORT_COLUMNS)
                await self.jobs.create(tenant, _new_job(job_id, principal, self.clock))
                total, chunks = await self._store_chunks(tenant, job_id, reader)
            except UnicodeDecodeError as error:
                await self._discard(tenant, job_id)
                raise undecodable(error) from None
            except DomainError:
                await self._discard(tenant, job_id)
                raise
        queued = {"$set": {"state": "queued", "total_rows": total, "chunks": chunks}}

        async def queue(transaction: Transaction) -> None:
            # Queuing is the upload's commit: an Idempotency-Key commits with it.
            transaction.about(job_id)
            await self.jobs.update(tenant, job_id, queued, transaction.session)

        await self.transactions.run(queue)
        self.wake_worker.set()
        return await self.progress(principal, job_id)

    async def _discard(self, tenant: TenantContext, job_id: str) -> None:
        await self.chunks.drop(tenant, job_id)
        await self.jobs.delete(tenant, job_id)

    async def _store_chunks(
        self, tenant: TenantContext, job_id: str, reader: csv.DictReader[str]
    ) -> tuple[int, int]:
        rows: list[Document] = []
        total = seq = size = 0
        for number, row in numbered_rows(reader, max_rows=self.max_rows):
            values = {k: v for k, v in row.items() if k and isinstance(v, str)}
            rows.append({"row": number, "values": values})
            total += 1
            size += sum(len(v) for v in values.values())
            # Long cells would push a chunk past MongoDB's 16 MB document limit: cut it earlier.
            if len(rows) == CHUNK_ROWS or size > CHUNK_CHARACTERS:
                await self.chunks.add(tenant, job_id, seq, rows)
                rows, seq, size = [], seq + 1, 0
        if rows:
            await self.chunks.add(tenant, job_id, seq, rows)
            seq += 1
        return total, seq

    async def progress(self, principal: Principal, job_id: str) -> ImportJob:
        """Return a job's state, counters and first row errors (the municipality's officers)."""
        job = await self._job(principal, job_id)
        errors, _ = await self.errors.page(principal.tenant, job_id, limit=100)
        return ImportJob.of(job, [_row_error(e) for e in errors])

    async def row_errors(
        self, principal: Principal, job_id: str, *, limit: int, after: str | None
    ) -> tuple[list[RowError], str | None]:
        """Return a page of an import's row errors in row order, and the next page's key."""
        await self._job(principal, job_id)
        try:
            errors, next_key = await self.errors.page(
                principal.tenant, job_id, limit=limit, after=after
            )
            return [_row_error(e) for e in errors], next_key
        except ValueError:  # a cursor of another import
            raise InvalidInput.for_field(
                "query.cursor", "Nieprawidłowy kursor.", "Invalid cursor.", "cursor"
            ) from None

    async def _job(self, principal: Principal, job_id: str) -> Document:
        job = None
        if principal.has_role(Role.TENANT_OFFICER):
            job = await self.jobs.get(principal.tenant, job_id)
        if job is None:
            raise NotFound(detail=Text("Nie ma takiego importu.", "No such import."))
        return job


def _new_job(job_id: str, principal: Principal, clock: Clock) -> Document:
    return {
        "_id": job_id,
        "state": "receiving",
        "total_rows": 0,
        "chunks": 0,
        "next_chunk": 0,
        "processed_rows": 0,
        "created": 0,
        "updated": 0,
        "failed": 0,
        "created_by": principal.subject,
        "created_at": clock.now(),
    }


def _row_error(document: Document) -> RowError:
    return RowError(document["row"], document["field"], document["reason"])
