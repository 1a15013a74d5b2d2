"""The read model of organizations and tenants, built from the registry's events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.grants.domain.applicant import Applicant, TenantRecord
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["ApplicantDirectory", "TenantDirectory"]


class ApplicantDirectory(TenantRepository):
    """Organizations by id; each belongs to the tenant that registered it (its home)."""

    collection_name = "applicants"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("name", ASCENDING)], name="home_name"),)

    async def get(
        self, organization_id: str, session: AsyncClientSession | None = None
    ) -> Applicant | None:
        """Return an organization, whatever its home tenant (organizations apply anywhere)."""
        document = await self._collection.find_one({"_id": organization_id}, session=session)
        return _applicant(document) if document else None

    async def put_profile(
        self,
        home: TenantContext,
        organization_id: str,
        profile: dict[str, Any],
        at: datetime,
        session: AsyncClientSession,
    ) -> None:
        """Store the organization's public profile as the registry last published it."""
        document = self._scoped(
            home,
            {
                "_id": organization_id,
                "name": profile["name"],
                "status": profile.get("status", "active"),
                "verified": bool(profile.get("verified", True)),
                "profile": profile,
                "changed_at": at,
            },
        )
        await self._collection.replace_one(
            {"_id": organization_id, "tenant_id": home.tenant_id},
            document,
            upsert=True,
            session=session,
        )

    async def put_status(
        self,
        home: TenantContext,
        organization_id: str,
        status: str,
        at: datetime,
        session: AsyncClientSession,
    ) -> bool:
        """Change the status of an organization of this home tenant; False if it is not known."""
        owned = {"_id": organization_id, "tenant_id": home.tenant_id}
        document = await self._collection.find_one(owned, session=session)
        if document is None:
            return False
        document.update(status=status, changed_at=at)
        document["profile"] = {**document["profile"], "status": status}
        # Whole-document replace: a `$set` of a date is stored as text on NX-27017.
        await self._collection.replace_one(owned, document, session=session)
        return True


def _applicant(document: Document) -> Applicant:
    profile = document.get("profile", {})
    return Applicant(
        id=document["_id"],
        home_tenant_id=document["tenant_id"],
        name=document["name"],
        status=document["status"],
        verified=bool(document["verified"]),
        legal_form=profile.get("legal_form", ""),
        krs=profile.get("krs"),
        nip=profile.get("nip"),
        regon=profile.get("regon"),
        public_benefit_areas=tuple(profile.get("public_benefit_areas", [])),
    )


class TenantDirectory(TenantRepository):
    """Tenants by id; a tenant's record is its own (tenant_id equals its id)."""

    collection_name = "tenants"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("kind", ASCENDING)], name="kind"),)

    async def get(self, tenant_id: str) -> TenantRecord | None:
        """Return one tenant, if the registry announced it."""
        document = await self._find_one(TenantContext(tenant_id), {"_id": tenant_id})
        if document is None:
            return None
        return TenantRecord(
            id=document["_id"],
            name=document["name"],
            kind=document["kind"],
            region=document.get("region"),
            member_ids=tuple(document.get("member_ids", [])),
        )

    async def put(self, record: TenantRecord, session: AsyncClientSession) -> None:
        """Store a tenant as the registry last described it."""
        document = self._scoped(
            TenantContext(record.id),
            {
                "_id": record.id,
                "name": record.name,
                "kind": record.kind,
                "region": record.region,
                "member_ids": list(record.member_ids),
            },
        )
        await self._collection.replace_one(
            {"_id": record.id, "tenant_id": record.id}, document, upsert=True, session=session
        )
