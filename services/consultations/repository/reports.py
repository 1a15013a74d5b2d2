"""Published consultation reports: a header document and one document per entry.

A report lists every comment with its answer; kept in one document, a flood of long comments
would push it past MongoDB's 16 MiB limit and the report could never be published.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import TypeAdapter
from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.consultations.domain.consultation.report import ConsultationReport, ReportEntry
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["ReportEntryRepository", "ReportRepository"]

_BATCH = 500


class ReportEntryRepository(TenantRepository):
    """The entries of published reports, in their order in the report."""

    collection_name = "consultation_report_entries"
    adapter: TypeAdapter[ReportEntry] = TypeAdapter(ReportEntry)
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("consultation_id", ASCENDING), ("position", ASCENDING)],
            name="in_order",
        ),
    )

    async def add_all(
        self,
        tenant: TenantContext,
        consultation_id: str,
        entries: tuple[ReportEntry, ...],
        session: AsyncClientSession,
    ) -> None:
        """Store the entries of a newly published report, in batches."""
        documents = [
            self._scoped(
                tenant,
                {
                    "_id": f"{consultation_id}:{position}",
                    "consultation_id": consultation_id,
                    "position": position,
                    "data": self.adapter.dump_python(entry, mode="json"),
                },
            )
            for position, entry in enumerate(entries)
        ]
        for start in range(0, len(documents), _BATCH):
            batch = documents[start : start + _BATCH]
            await self._collection.insert_many(batch, session=session)

    async def of_report(self, tenant: TenantContext, consultation_id: str) -> list[ReportEntry]:
        """Return every entry of a report, in order."""
        found: list[ReportEntry] = []
        position = -1
        while True:
            query: dict[str, Any] = {
                "consultation_id": consultation_id,
                "position": {"$gt": position},
            }
            page = await self._find(tenant, query, sort=[("position", ASCENDING)], limit=_BATCH)
            found += [self.adapter.validate_python(d["data"]) for d in page]
            if len(page) < _BATCH:
                return found
            position = page[-1]["position"]


class ReportRepository(TenantRepository):
    """Published consultation reports: snapshots that never change, one per consultation."""

    collection_name = "consultation_reports"
    adapter: TypeAdapter[ConsultationReport] = TypeAdapter(ConsultationReport)
    indexes = (IndexModel([("tenant_id", ASCENDING), ("published_at", DESCENDING)], name="recent"),)

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        super().__init__(database)
        self._entries = ReportEntryRepository(database)

    async def add(
        self, tenant: TenantContext, report: ConsultationReport, session: AsyncClientSession
    ) -> None:
        """Store a newly published report: its header, then its entries one by one."""
        header = replace(report, entries=())
        document = {
            "_id": report.consultation_id,
            "published_at": report.published_at,
            "entries_apart": True,
            "data": self.adapter.dump_python(header, mode="json"),
        }
        await self._insert(tenant, document, session)
        await self._entries.add_all(tenant, report.consultation_id, report.entries, session)

    async def get(self, tenant: TenantContext, consultation_id: str) -> ConsultationReport | None:
        """Return the report of one of the tenant's consultations, if published."""
        document = await self._find_one(tenant, {"_id": consultation_id})
        if document is None:
            return None
        report = self.adapter.validate_python(document["data"])
        if not document.get("entries_apart"):
            return report  # published before entries were kept apart: they are inside
        entries = await self._entries.of_report(tenant, consultation_id)
        return replace(report, entries=tuple(entries))
