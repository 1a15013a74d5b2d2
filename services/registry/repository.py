"""Every MongoDB query of the registry's organizations."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.registry.domain.organization import LegalForm, Organization
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["OrganizationRepository"]


class OrganizationRepository(TenantRepository):
    """Organizations of a tenant."""

    collection_name = "organizations"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("name", ASCENDING)], name="tenant_name"),
        IndexModel([("tenant_id", ASCENDING), ("krs", ASCENDING)], name="tenant_krs"),
    )

    async def add(
        self, tenant: TenantContext, organization: Organization, session: AsyncClientSession
    ) -> None:
        """Insert a new organization."""
        await self._insert(tenant, _to_document(organization), session)

    async def get(self, tenant: TenantContext, organization_id: str) -> Organization | None:
        """Return the tenant's organization with this id, if any."""
        document = await self._find_one(tenant, {"_id": organization_id})
        return _from_document(document) if document else None

    async def list(self, tenant: TenantContext, *, limit: int) -> list[Organization]:
        """Return the tenant's organizations by name."""
        documents = await self._find(tenant, {}, sort=[("name", ASCENDING)], limit=limit)
        return [_from_document(d) for d in documents]


def _to_document(organization: Organization) -> Document:
    return {
        "_id": organization.id,
        "tenant_id": organization.tenant_id,
        "name": organization.name,
        "legal_form": organization.legal_form.value,
        "krs": organization.krs,
        "nip": organization.nip,
        "regon": organization.regon,
        "registered_by": organization.registered_by,
        "registered_at": organization.registered_at,
    }


def _from_document(document: dict[str, Any]) -> Organization:
    return Organization(
        id=document["_id"],
        tenant_id=document["tenant_id"],
        name=document["name"],
        legal_form=LegalForm(document["legal_form"]),
        krs=document.get("krs"),
        nip=document.get("nip"),
        regon=document.get("regon"),
        registered_by=document["registered_by"],
        registered_at=document["registered_at"],
    )
