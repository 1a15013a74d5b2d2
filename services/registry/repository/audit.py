"""The audit trail of organizations: who changed which fields, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.registry.repository.keys import KEY, add_keys, key_span, keyed
from shared.context import new_id
from shared.mongo import TenantRepository
from shared.tenancy import TenantContext

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
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("organization_id", ASCENDING), ("at", DESCENDING)],
            name="tenant_organization_at",
        ),
        IndexModel([("tenant_id", ASCENDING), (KEY, ASCENDING)], name="tenant_key"),
    )

    async def rekey(self) -> int:
        """Give entries written before `_id` carried the order their ordered `_id`, once."""
        if await self._collection.find_one({"_id": _FORMAT_MARK}) is not None:
            return 0
        moved = 0
        async for document in self._collection.find({}):
            if "|" in document["_id"] or document["_id"].startswith("!"):  # ordered, or a mark
                continue
            at = document["at"]
            at = at if at.tzinfo else at.replace(tzinfo=UTC)
            key = _key(document["organization_id"], at, document["_id"])
            moved_document = keyed({**document, "_id": key})
            await self._collection.replace_one({"_id": key}, moved_document, upsert=True)
            await self._collection.delete_one({"_id": document["_id"]})
            moved += 1
        await self._collection.replace_one(
            {"_id": _FORMAT_MARK}, {"_id": _FORMAT_MARK}, upsert=True
        )
        return moved

    async def add_keys(self) -> int:
        """Give entries written before `key` existed their `key`, once."""
        return await add_keys(self._collection)

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
        """Return the newest entries of one organization: one `key` range, newest first."""
        # `key` (= `_id`) is `<organization>|<time>|<id>`: a range of it runs in SQL on
        # NX-27017 (a range of `_id` would read the whole trail in Python), on an index on MongoDB.
        query = {"tenant_id": home.tenant_id, KEY: key_span(f"{organization_id}|")}
        cursor = self._collection.find(query).sort(KEY, DESCENDING).limit(limit)
        documents = await cursor.to_list()
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


def _key(organization_id: str, at: datetime, unique: str) -> str:
    return f"{organization_id}|{at.astimezone(UTC):%Y%m%dT%H%M%S%f}|{unique}"


def _to_document(entry: AuditEntry) -> dict[str, object]:
    return keyed(
        {
            "_id": _key(entry.organization_id, entry.at, new_id()),
            "organization_id": entry.organization_id,
            "action": entry.action,
            "fields": list(entry.fields),
            "actor": entry.actor,
            "actor_tenant_id": entry.actor_tenant_id,
            "at": entry.at,
        }
    )
