"""The audit trail of organizations: who changed which fields, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from shared.context import new_id
from shared.key_ranges import KEY, KEY_INDEX, backfill_keys, scoped_page
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext
from shared.write_behind import insert_later

__all__ = ["AuditEntry", "AuditLog"]

_FORMAT_MARK = "!ordered-ids"  # present once every entry's `_id` starts with its organization


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
    tenant_prefixed = (KEY,)
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("organization_id", ASCENDING), ("at", DESCENDING)],
            name="tenant_organization_at",
        ),
        KEY_INDEX,
    )

    async def rekey(self) -> int:
        """Give entries written before `_id` carried the order their ordered `_id`, once."""
        if await self._collection.find_one({"_id": _FORMAT_MARK}) is not None:
            return 0
        moved = 0
        async for document in self._collection.find({}):
            if "|" in document["_id"] or document["_id"] == _FORMAT_MARK:
                continue
            at = document["at"]
            at = at if at.tzinfo else at.replace(tzinfo=UTC)
            key = _key(document["organization_id"], at, document["_id"])
            await self._collection.replace_one({"_id": key}, {**document, "_id": key}, upsert=True)
            await self._collection.delete_one({"_id": document["_id"]})
            moved += 1
        await self._collection.replace_one(
            {"_id": _FORMAT_MARK}, {"_id": _FORMAT_MARK}, upsert=True
        )
        return moved + await backfill_keys(self._collection, _key_of_stored)

    async def record(
        self, home: TenantContext, entry: AuditEntry, session: AsyncClientSession
    ) -> None:
        """Append an entry in the same transaction as the change (written at its end)."""
        # Entries are only ever appended and read by the history: nothing reads one back
        # before its transaction commits.
        document = self._scoped(home, _to_document(home, entry))
        await insert_later(session, self._collection, [document])

    async def record_many(
        self, home: TenantContext, entries: list[AuditEntry], session: AsyncClientSession
    ) -> None:
        """Append many entries in one round trip."""
        if entries:
            await self._collection.insert_many(
                [self._scoped(home, _to_document(home, e)) for e in entries], session=session
            )

    async def for_organization(
        self, home: TenantContext, organization_id: str, *, limit: int, before: str | None = None
    ) -> tuple[list[AuditEntry], str | None]:
        """Return a page of one organization's entries, newest first, and the next page's key.

        `before` is the key the previous page ended at; one range of `key` serves the page.
        """
        documents, next_key = await scoped_page(
            self._collection,
            (home.tenant_id, organization_id),
            after=before,
            limit=limit,
            newest_first=True,
        )
        entries = [
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
        return entries, next_key


def _key(organization_id: str, at: datetime, unique: str) -> str:
    return f"{organization_id}|{at.astimezone(UTC):%Y%m%dT%H%M%S%f}|{unique}"


def _key_of_stored(document: Document) -> str | None:
    tenant = document.get("tenant_id")
    return f"{tenant}|{document['_id']}" if tenant and "|" in document["_id"] else None


def _to_document(home: TenantContext, entry: AuditEntry) -> dict[str, object]:
    identifier = _key(entry.organization_id, entry.at, new_id())
    return {
        "_id": identifier,
        KEY: f"{home.tenant_id}|{identifier}",
        "organization_id": entry.organization_id,
        "action": entry.action,
        "fields": list(entry.fields),
        "actor": entry.actor,
        "actor_tenant_id": entry.actor_tenant_id,
        "at": entry.at,
    }
