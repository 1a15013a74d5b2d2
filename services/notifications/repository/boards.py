"""The competitions and consultations on each municipality's board (from their events)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.projections import (
    BoardStatus,
    CompetitionInfo,
    ConsultationInfo,
)
from shared.mongo import TenantRepository
from shared.tenancy import TenantContext

__all__ = ["CompetitionBoard", "ConsultationBoard"]

MAX_OPEN = 500


def _moment(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


class CompetitionBoard(TenantRepository):
    """Competitions announced in each municipality."""

    collection_name = "competitions"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("offer_deadline", ASCENDING)], name="tenant_deadline"
        ),
    )

    async def save(self, info: CompetitionInfo, session: AsyncClientSession) -> None:
        """Store an announced competition."""
        document_id = f"{info.tenant_id}|{info.competition_id}"
        await self._collection.replace_one(
            {"_id": document_id, "tenant_id": info.tenant_id},
            {
                "_id": document_id,
                "tenant_id": info.tenant_id,
                "competition_id": info.competition_id,
                "title": info.title,
                "area": info.area,
                "offer_deadline": info.offer_deadline.timestamp(),
                "announced_at": info.announced_at.timestamp(),
                "status": info.status.value,
                "total_funds": info.total_funds,
            },
            upsert=True,
            session=session,
        )

    async def get(
        self, tenant: TenantContext, competition_id: str, session: AsyncClientSession | None = None
    ) -> CompetitionInfo | None:
        """Return a competition of the tenant."""
        document = await self._find_one(
            tenant, {"_id": f"{tenant.tenant_id}|{competition_id}"}, session
        )
        return _competition(document) if document else None

    async def set_status(
        self,
        tenant: TenantContext,
        competition_id: str,
        status: BoardStatus,
        session: AsyncClientSession,
    ) -> None:
        """Record where a competition stands."""
        await self._update_one(
            tenant,
            {"_id": f"{tenant.tenant_id}|{competition_id}"},
            {"$set": {"status": status.value}},
            session,
        )

    async def open_at(self, tenant: TenantContext, moment: datetime) -> list[CompetitionInfo]:
        """Return the competitions announced before `moment` that still took offers then."""
        at = moment.timestamp()
        documents = await self._find(
            tenant,
            {"offer_deadline": {"$gt": at}, "announced_at": {"$lte": at}},
            sort=[("offer_deadline", ASCENDING)],
            limit=MAX_OPEN,
        )
        found = [_competition(d) for d in documents]
        return [c for c in found if c.status != BoardStatus.CANCELLED]


def _competition(document: dict[str, Any]) -> CompetitionInfo:
    return CompetitionInfo(
        competition_id=document["competition_id"],
        tenant_id=document["tenant_id"],
        title=document["title"],
        area=document["area"],
        offer_deadline=_moment(document["offer_deadline"]),
        status=BoardStatus(document["status"]),
        announced_at=_moment(document["announced_at"]),
        total_funds=document.get("total_funds", ""),
    )


class ConsultationBoard(TenantRepository):
    """Consultations opened in each municipality."""

    collection_name = "consultations"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("ends_at", ASCENDING)], name="tenant_ends"),)

    async def save(self, info: ConsultationInfo, session: AsyncClientSession) -> None:
        """Store an opened consultation."""
        document_id = f"{info.tenant_id}|{info.consultation_id}"
        await self._collection.replace_one(
            {"_id": document_id, "tenant_id": info.tenant_id},
            {
                "_id": document_id,
                "tenant_id": info.tenant_id,
                "consultation_id": info.consultation_id,
                "title": info.title,
                "ends_at": info.ends_at.timestamp(),
                "opened_at": info.opened_at.timestamp(),
                "status": info.status.value,
            },
            upsert=True,
            session=session,
        )

    async def get(
        self, tenant: TenantContext, consultation_id: str, session: AsyncClientSession | None = None
    ) -> ConsultationInfo | None:
        """Return a consultation of the tenant."""
        document = await self._find_one(
            tenant, {"_id": f"{tenant.tenant_id}|{consultation_id}"}, session
        )
        return _consultation(document) if document else None

    async def set_status(
        self,
        tenant: TenantContext,
        consultation_id: str,
        status: BoardStatus,
        session: AsyncClientSession,
    ) -> None:
        """Record where a consultation stands."""
        await self._update_one(
            tenant,
            {"_id": f"{tenant.tenant_id}|{consultation_id}"},
            {"$set": {"status": status.value}},
            session,
        )

    async def open_at(self, tenant: TenantContext, moment: datetime) -> list[ConsultationInfo]:
        """Return the consultations opened before `moment` that still took comments then."""
        at = moment.timestamp()
        documents = await self._find(
            tenant,
            {"ends_at": {"$gt": at}, "opened_at": {"$lte": at}},
            sort=[("ends_at", ASCENDING)],
            limit=MAX_OPEN,
        )
        return [_consultation(d) for d in documents]


def _consultation(document: dict[str, Any]) -> ConsultationInfo:
    return ConsultationInfo(
        consultation_id=document["consultation_id"],
        tenant_id=document["tenant_id"],
        title=document["title"],
        ends_at=_moment(document["ends_at"]),
        status=BoardStatus(document["status"]),
        opened_at=_moment(document["opened_at"]),
    )
