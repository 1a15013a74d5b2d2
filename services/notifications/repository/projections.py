"""Read models of other services' aggregates: organizations, competitions, consultations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.projections import (
    BoardStatus,
    CompetitionInfo,
    ConsultationInfo,
    OrganizationInfo,
)
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext
from shared.transaction_memo import once_per_transaction

__all__ = ["CompetitionBoard", "ConsultationBoard", "OrganizationDirectory", "TenantNames"]

MAX_OPEN = 500


def _moment(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


class OrganizationDirectory(TenantRepository):
    """Organizations registered or listed in each municipality, with their areas."""

    collection_name = "organizations"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("areas", ASCENDING)], name="tenant_areas"),)

    async def save(self, info: OrganizationInfo, session: AsyncClientSession) -> None:
        """Store an organization as a municipality knows it."""
        document_id = f"{info.tenant_id}|{info.organization_id}"
        document = {
            # NX-27017 does not take the _id of an upsert from the filter of replace_one.
            "_id": document_id,
            "tenant_id": info.tenant_id,
            "organization_id": info.organization_id,
            "name": info.name,
            "areas": sorted(info.areas),
        }
        # A registration comes with its listing at home: the same document, written once.
        if not once_per_transaction(session, (self.collection_name, document_id), document):
            return
        await self._collection.replace_one(
            {"_id": document_id, "tenant_id": info.tenant_id},
            document,
            upsert=True,
            session=session,
        )

    async def get(
        self, tenant: TenantContext, organization_id: str, session: AsyncClientSession
    ) -> OrganizationInfo | None:
        """Return an organization known in the tenant."""
        document = await self._find_one(
            tenant, {"_id": f"{tenant.tenant_id}|{organization_id}"}, session
        )
        return _organization(document) if document else None

    async def working_in(
        self, tenant: TenantContext, areas: Iterable[str], session: AsyncClientSession
    ) -> list[str]:
        """Return the ids of the tenant's organizations working in any of the areas."""
        documents = await self._find(
            tenant, {"areas": {"$in": sorted(areas)}}, limit=10_000, session=session
        )
        return [d["organization_id"] for d in documents]

    async def areas_of(
        self,
        tenant: TenantContext,
        organization_ids: Iterable[str],
        session: AsyncClientSession | None,
    ) -> dict[str, frozenset[str]]:
        """Return the areas of some of the tenant's organizations."""
        ids = [f"{tenant.tenant_id}|{o}" for o in set(organization_ids)]
        if not ids:
            return {}
        documents = await self._find(tenant, {"_id": {"$in": ids}}, limit=len(ids), session=session)
        return {d["organization_id"]: frozenset(d.get("areas", ())) for d in documents}


def _organization(document: dict[str, Any]) -> OrganizationInfo:
    return OrganizationInfo(
        organization_id=document["organization_id"],
        tenant_id=document["tenant_id"],
        name=document["name"],
        areas=frozenset(document.get("areas", ())),
    )


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


class TenantNames(TenantRepository):
    """Names of municipalities, from the registry's tenant events."""

    collection_name = "tenants"

    async def save(
        self, tenant: TenantContext, name: str, kind: str, session: AsyncClientSession
    ) -> None:
        """Store a tenant's name."""
        document: Document = {
            "_id": tenant.tenant_id,
            "tenant_id": tenant.tenant_id,
            "name": name,
            "kind": kind,
        }
        await self._collection.replace_one(
            {"_id": tenant.tenant_id, "tenant_id": tenant.tenant_id},
            document,
            upsert=True,
            session=session,
        )

    async def name_of(self, tenant: TenantContext) -> str:
        """Return a tenant's name (its id while unknown)."""
        document = await self._find_one(tenant, {"_id": tenant.tenant_id})
        return str(document["name"]) if document else tenant.tenant_id
