"""Inbox items and read marks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.inbox import InboxItem
from services.notifications.domain.inbox_order import InboxCursor
from services.notifications.domain.recipients import audience_keys
from services.notifications.repository.inbox_streams import InboxPage, InboxStreams
from shared.errors import Text
from shared.mongo import Document, TenantRepository
from shared.tenancy import Principal, TenantContext
from shared.write_behind import upsert_later

__all__ = ["InboxRepository", "ReadMarkRepository"]

_STREAMED = "in_streams"  # set on items written with their stream entries


def _keys(principal: Principal) -> frozenset[str]:
    return audience_keys(principal.subject, principal.roles, principal.organization_id)


class InboxRepository(TenantRepository):
    """Inbox items of a tenant."""

    collection_name = "inbox_items"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("created_at", DESCENDING)], name="tenant_created"),
    )

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        super().__init__(database)
        self.streams = InboxStreams(database)

    async def add(self, items: Sequence[InboxItem], session: AsyncClientSession) -> None:
        """Insert items that are not there yet (their ids derive from the notice)."""
        # Nothing in the consumer's transaction reads items back: they go with its end.
        for item in items:
            await upsert_later(
                session,
                self._collection,
                {"_id": item.id, "tenant_id": item.tenant_id},
                {"$setOnInsert": {**_to_document(item), _STREAMED: True}},
            )
        await self.streams.add(items, session)

    async def for_principal(
        self, principal: Principal, *, after: InboxCursor | None, limit: int
    ) -> InboxPage[InboxItem]:
        """Return a page of the items addressed to the principal, newest first."""
        page = await self.entries(principal, after=after, limit=limit)
        found = await self._find(
            principal.tenant, {"_id": {"$in": page.items}}, limit=len(page.items) or 1
        )
        by_id = {d["_id"]: _from_document(d) for d in found}
        return InboxPage([by_id[i] for i in page.items if i in by_id], page.next)

    async def entries(
        self, principal: Principal, *, after: InboxCursor | None, limit: int
    ) -> InboxPage[str]:
        """Return the ids of a page of the principal's items, without reading the items."""
        return await self.streams.page(
            principal.tenant,
            _keys(principal),
            subject=principal.subject,
            after=after,
            limit=limit,
        )

    async def get(self, principal: Principal, item_id: str) -> InboxItem | None:
        """Return one item addressed to the principal."""
        # By `_id` alone (one SQL lookup on NX-27017); whom it reaches is checked here.
        document = await self._find_one(principal.tenant, {"_id": item_id})
        item = _from_document(document) if document else None
        return item if item is not None and item.is_for(principal) else None

    async def backfill(self) -> int:
        """Give items written before the inbox streams existed their entries (once)."""
        return await self.streams.backfill(self._unstreamed())

    async def _unstreamed(self) -> AsyncIterator[InboxItem]:
        # Read once per deployment (the backfill marks its end): a whole scan is fine here.
        query = {_STREAMED: {"$exists": False}}
        order = [("created_at", DESCENDING), ("_id", DESCENDING)]
        async for document in self._collection.find(query).sort(order):
            yield _from_document(document)

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
        # Exact `_id`s: NX-27017 looks them up in SQL instead of filtering every mark.
        ids = [_mark_id(principal.subject, i) for i in item_ids]
        documents = await self._find(principal.tenant, {"_id": {"$in": ids}}, limit=len(ids) or 1)
        return {d["item_id"] for d in documents if d.get("subject") == principal.subject}

    async def mark(self, principal: Principal, item_id: str) -> None:
        """Record that the principal read the item (idempotent)."""
        await self._collection.update_one(
            self._scoped(principal.tenant, {"_id": _mark_id(principal.subject, item_id)}),
            {
                "$setOnInsert": {"subject": principal.subject, "item_id": item_id},
                "$currentDate": {"read_at": True},
            },
            upsert=True,
        )


def _mark_id(subject: str, item_id: str) -> str:
    return f"{subject}|{item_id}"


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
