"""The audit trail of organizations: who changed which fields, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from shared.context import new_id
from shared.mongo import TenantRepository
from shared.tenancy import TenantContext

__all__ = ["AuditEntry", "AuditLog"]


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change."""

    organization_id: str
    action: str
    fields: tuple[str, ...]
    actor: str
    actor_tenant_id: str
    at: datetime


class AuditLog(TenantRepository):
    """Entries live with the organization's home tenant, whoever made the change."""

    collection_name = "organization_audit"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("organization_id", ASCENDING), ("at", DESCENDING)],
            name="tenant_organization_at",
        ),
    )

    async def record(
        self, home: TenantContext, entry: AuditEntry, session: AsyncClientSession
    ) -> None:
        """Append an entry in the same transaction as the change."""
        await self._insert(home, _to_document(entry), session)

    async def record_many(
        self, home: TenantContext, entries: list[AuditEntry], session: AsyncClientSession
    ) -> None:
        """Append many entries in one round trip."""
        if entries:
            await self._collection.insert_many(
                [self._scoped(home, _to_document(e)) for e in entries], session=session
            )

    async def for_organization(
        self, home: TenantContext, organization_id: str, *, limit: int
    ) -> list[AuditEntry]:
        """Return the newest entries of one organization."""
        documents = await self._find(
            home, {"organization_id": organization_id}, sort=[("at", DESCENDING)], limit=limit
        )
        return [
            AuditEntry(
                organization_id=d["organization_id"],
                action=d["action"],
                fields=tuple(d["fields"]),
                actor=d["actor"],
                actor_tenant_id=d["actor_tenant_id"],
                at=d["at"],
            )
            for d in documents
        ]


def _to_document(entry: AuditEntry) -> dict[str, object]:
    return {
        "_id": new_id(),
        "organization_id": entry.organization_id,
        "action": entry.action,
        "fields": list(entry.fields),
        "actor": entry.actor,
        "actor_tenant_id": entry.actor_tenant_id,
        "at": entry.at,
    }
