"""Inbox items and read marks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.inbox import InboxItem
from services.notifications.domain.recipients import audience_keys
from shared.errors import Text
from shared.mongo import Document, TenantRepository
from shared.tenancy import Principal, TenantContext
from shared.write_behind import upsert_later

__all__ = ["InboxRepository", "ReadMarkRepository"]


def _audience_filter(principal: Principal) -> Document:
    # One flat key list keeps the query a single $in (NX-27017 cannot mix null with $in in
    # an $or); `$nin`, not `$ne`: NX-27017 does not compare an array element-wise for `$ne`.
    keys = audience_keys(principal.subject, principal.roles, principal.organization_id)
    return {"audience": {"$in": sorted(keys)}, "excluded": {"$nin": [principal.subject]}}


class InboxRepository(TenantRepository):
    """Inbox items of a tenant."""

    collection_name = "inbox_items"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("created_at", DESCENDING)], name="tenant_created"),
    )

    async def add(self, items: Sequence[InboxItem], session: AsyncClientSession) -> None:
        """Insert items that are not there yet (their ids derive from the notice)."""
        # Nothing in the consumer's transaction reads items back: they go with its end.
        for item in items:
            await upsert_later(
                session,
                self._collection,
                {"_id": item.id, "tenant_id": item.tenant_id},
                {"$setOnInsert": _to_document(item)},
            )

    async def for_principal(self, principal: Principal, *, limit: int) -> list[InboxItem]:
        """Return the newest items addressed to the principal."""
        documents = await self._find(
            principal.tenant,
            _audience_filter(principal),
            sort=[("created_at", DESCENDING)],
            limit=limit,
        )
        return [_from_document(d) for d in documents]

    async def get(self, principal: Principal, item_id: str) -> InboxItem | None:
        """Return one item addressed to the principal."""
        document = await self._find_one(
            principal.tenant, {"_id": item_id, **_audience_filter(principal)}
        )
        return _from_document(document) if document else None

    async def of_notice(self, tenant: TenantContext, notice_key: str) -> list[InboxItem]:
        """Return the items a notice made in a tenant (operations and tests)."""
        documents = await self._find(tenant, {"notice_key": notice_key})
        return [_from_document(d) for d in documents]


class ReadMarkRepository(TenantRepository):
    """Which inbox items each user has read."""

    collection_name = "inbox_read_marks"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("subject", ASCENDING)], name="tenant_subject"),
    )

    async def read_ids(self, principal: Principal, item_ids: list[str]) -> set[str]:
        """Return which of the items the principal has read."""
        documents = await self._find(
            principal.tenant,
            {"subject": principal.subject, "item_id": {"$in": item_ids}},
            limit=len(item_ids) or 1,
        )
        return {d["item_id"] for d in documents}

    async def mark(self, principal: Principal, item_id: str) -> None:
        """Record that the principal read the item (idempotent)."""
        await self._collection.update_one(
            self._scoped(principal.tenant, {"_id": f"{principal.subject}|{item_id}"}),
            {
                "$setOnInsert": {"subject": principal.subject, "item_id": item_id},
                "$currentDate": {"read_at": True},
            },
            upsert=True,
        )


def _to_document(item: InboxItem) -> Document:
    return {
        "tenant_id": item.tenant_id,
        "notice_key": item.notice_key,
        "event_id": item.event_id,
        "event_type": item.event_type,
        "kind": item.kind,
        "audience": sorted(item.audience),
        "excluded": sorted(item.excluded),
        "title": {"pl": item.title.pl, "en": item.title.en},
        "body": {"pl": item.body.pl, "en": item.body.en},
        "link": item.link,
        "created_at": item.created_at,
    }


def _from_document(document: dict[str, Any]) -> InboxItem:
    return InboxItem(
        id=document["_id"],
        tenant_id=document["tenant_id"],
        notice_key=document.get("notice_key", ""),
        event_id=document["event_id"],
        event_type=document["event_type"],
        kind=document.get("kind", ""),
        audience=frozenset(document.get("audience", ())),
        excluded=frozenset(document.get("excluded", ())),
        title=Text(**document["title"]),
        body=Text(**document["body"]),
        link=document.get("link"),
        created_at=document["created_at"],
    )
