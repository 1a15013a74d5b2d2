"""Public comments on small grants: their own collection, so they never grow the offer."""

from __future__ import annotations

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.grants.domain.small_grant.comments import CommentTally, SmallGrantComment
from shared.key_ranges import KEY, KEY_INDEX, backfill_keys, key_page, scope_bounds
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["SmallGrantCommentRepository"]


class SmallGrantCommentRepository(TenantRepository):
    """Comments on small grant offers, one document each, paged by `key` in `_id` (time) order."""

    collection_name = "small_grant_comments"
    tenant_prefixed = (KEY,)
    indexes = (
        KEY_INDEX,
        IndexModel([("tenant_id", ASCENDING), ("small_grant_id", ASCENDING)], name="of_offer"),
        IndexModel(
            [("tenant_id", ASCENDING), ("small_grant_id", ASCENDING), ("author_subject", 1)],
            name="of_author",
        ),
        IndexModel(
            [("tenant_id", ASCENDING), ("small_grant_id", ASCENDING), ("client_address", 1)],
            name="of_address",
        ),
    )

    async def add(self, comment: SmallGrantComment, session: AsyncClientSession) -> None:
        """Store a new comment under its offer's tenant."""
        document = {
            "_id": comment.id,
            KEY: _key(comment.tenant_id, comment.small_grant_id, comment.id),
            "small_grant_id": comment.small_grant_id,
            "text": comment.text,
            "made_at": comment.made_at,
            "author_name": comment.author_name,
            "author_subject": comment.author_subject,
            "client_address": comment.client_address,
        }
        await self._insert(TenantContext(comment.tenant_id), document, session)

    async def tally(
        self,
        tenant: TenantContext,
        small_grant_id: str,
        *,
        author_subject: str | None,
        client_address: str | None,
        session: AsyncClientSession,
    ) -> CommentTally:
        """Count the comments on the offer already made by the subject and from the address."""
        return CommentTally(
            by_author=await self._count_of(
                tenant, small_grant_id, "author_subject", author_subject, session
            ),
            from_address=await self._count_of(
                tenant, small_grant_id, "client_address", client_address, session
            ),
        )

    async def page(
        self, tenant: TenantContext, small_grant_id: str, *, after: str | None, limit: int
    ) -> list[SmallGrantComment]:
        """Return up to `limit` comments on the offer after the cursor, oldest first."""
        low, high = scope_bounds(tenant.tenant_id, small_grant_id)
        if after:
            low = _key(tenant.tenant_id, small_grant_id, after)
        found = await key_page(self._collection, low, high, limit=limit)
        return [_comment(document) for document in found]

    async def backfill(self) -> int:
        """Give comments stored before `key` existed theirs, once."""
        return await backfill_keys(self._collection, _key_of_stored)

    async def _count_of(
        self,
        tenant: TenantContext,
        small_grant_id: str,
        field: str,
        value: str | None,
        session: AsyncClientSession,
    ) -> int:
        if value is None:
            return 0
        query = self._scoped(tenant, {"small_grant_id": small_grant_id, field: value})
        return await self._collection.count_documents(query, session=session)


def _key(tenant_id: str, small_grant_id: str, comment_id: str) -> str:
    return f"{tenant_id}|{small_grant_id}|{comment_id}"


def _key_of_stored(document: Document) -> str | None:
    tenant, small_grant_id = document.get("tenant_id"), document.get("small_grant_id")
    return _key(tenant, small_grant_id, document["_id"]) if tenant and small_grant_id else None


def _comment(document: Document) -> SmallGrantComment:
    return SmallGrantComment(
        id=document["_id"],
        tenant_id=document["tenant_id"],
        small_grant_id=document["small_grant_id"],
        text=document["text"],
        made_at=document["made_at"],
        author_name=document.get("author_name"),
    )
