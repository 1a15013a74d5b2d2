"""Every MongoDB query of the notifications inbox."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.inbox import InboxItem
from shared.errors import Text
from shared.mongo import Document, TenantRepository
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["InboxRepository", "ReadMarkRepository"]


def _audience_keys(item: InboxItem) -> list[str]:
    if item.audience_user is not None:
        return [f"user:{item.audience_user}"]
    return [f"role:{role}" for role in sorted(item.audience_roles)]


def _audience_filter(principal: Principal) -> Document:
    # One flat key list keeps the query a single $in (and index-friendly).
    keys = [f"user:{principal.subject}", *(f"role:{role}" for role in sorted(principal.roles))]
    return {"audience": {"$in": keys}}


class InboxRepository(TenantRepository):
    """Inbox items of a tenant."""

    collection_name = "inbox_items"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("created_at", DESCENDING)], name="tenant_created"),
    )

    async def add(
        self, tenant: TenantContext, item: InboxItem, session: AsyncClientSession
    ) -> None:
        """Insert an item; its id is derived from the event, so a replay cannot add it twice."""
        await self._insert(tenant, _to_document(item), session)

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
        "_id": item.id,
        "tenant_id": item.tenant_id,
        "event_id": item.event_id,
        "event_type": item.event_type,
        "audience_roles": sorted(item.audience_roles),
        "audience_user": item.audience_user,
        "audience": _audience_keys(item),
        "title": {"pl": item.title.pl, "en": item.title.en},
        "body": {"pl": item.body.pl, "en": item.body.en},
        "link": item.link,
        "created_at": item.created_at,
    }


def _from_document(document: dict[str, Any]) -> InboxItem:
    return InboxItem(
        id=document["_id"],
        tenant_id=document["tenant_id"],
        event_id=document["event_id"],
        event_type=document["event_type"],
        audience_roles=frozenset(Role(r) for r in document["audience_roles"]),
        audience_user=document.get("audience_user"),
        title=Text(**document["title"]),
        body=Text(**document["body"]),
        link=document.get("link"),
        created_at=document["created_at"],
    )
