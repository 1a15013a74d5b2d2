"""Comments of consultations, with the municipality's answers, in pages and in lists."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from pydantic import TypeAdapter
from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.consultations.domain.consultation.comment import Comment, CommentTally
from services.consultations.repository.comment_lists import (
    CommentListEntries,
    comment_list,
    joined,
    placements_in_order,
)
from services.consultations.repository.counts import CountsInConsultation
from shared.aggregates import AggregateRepository
from shared.mongo import Document
from shared.paging import Page, Placement
from shared.tenancy import TenantContext

__all__ = ["CommentRepository"]

# The report reads every comment, in pages of this many.
_PAGE = 1_000


class CommentRepository(CountsInConsultation, AggregateRepository[Comment]):
    """Comments of consultations, with the municipality's answers."""

    collection_name = "comments"
    adapter = TypeAdapter(Comment)
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("consultation_id", ASCENDING), ("submitted_at", ASCENDING)],
            name="by_consultation",
        ),
        IndexModel(
            [
                ("tenant_id", ASCENDING),
                ("consultation_id", ASCENDING),
                ("author_subject", ASCENDING),
            ],
            name="by_author",
        ),
        IndexModel(
            [
                ("tenant_id", ASCENDING),
                ("consultation_id", ASCENDING),
                ("client_key", ASCENDING),
            ],
            name="by_client",
        ),
    )

    def query_fields(self, aggregate: Comment) -> Document:
        """Return the consultation, author and answer state lists filter on."""
        return {
            "consultation_id": aggregate.consultation_id,
            "author_subject": aggregate.author.subject,
            "client_key": aggregate.client_key,
            "submitted_at": aggregate.submitted_at,
            "answered": aggregate.is_answered,
        }

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        super().__init__(database)
        self.lists = CommentListEntries(database)

    async def add(self, aggregate: Comment, session: AsyncClientSession) -> None:
        """Insert a new comment at the end of the consultation's lists."""
        await super().add(aggregate, session)
        await self.lists.append(joined(aggregate), session)

    async def page_of_consultation(
        self,
        tenant: TenantContext,
        consultation_id: str,
        *,
        author_subject: str | None = None,
        answered: bool | None = None,
        after: str | None,
        limit: int,
    ) -> Page[Comment]:
        """Return a page of a consultation's (or one author's) comments, oldest first."""
        group, name = comment_list(tenant.tenant_id, consultation_id, author_subject)
        return await self.lists.page(
            group,
            name,
            after=after,
            limit=limit,
            load=self.listed(tenant),
            # An answer never moves a comment: the filter looks at a few windows per page.
            keep=lambda comment: answered is None or comment.is_answered == answered,
        )

    async def backfill_lists(self) -> int:
        """Number comments stored before the lists' read model existed (once; repeatable)."""
        return await self.lists.backfill(self._every_placed())

    async def _every_placed(self) -> AsyncIterator[tuple[str, Placement]]:
        async for comment in self.every():
            for placed in placements_in_order(comment):
                yield placed

    async def tally(
        self,
        tenant: TenantContext,
        consultation_id: str,
        *,
        author_subject: str,
        client_key: str | None,
        session: AsyncClientSession,
    ) -> CommentTally:
        """Count the author's comments, and those from the client, in the consultation."""
        return CommentTally(
            by_author=await self._count_in(
                tenant, consultation_id, "author_subject", author_subject, session
            ),
            from_address=await self._count_in(
                tenant, consultation_id, "client_key", client_key, session
            ),
        )

    async def with_ids(
        self,
        tenant: TenantContext,
        consultation_id: str,
        comment_ids: list[str],
        session: AsyncClientSession,
    ) -> list[Comment]:
        """Return the consultation's comments among `comment_ids` (unknown ids are left out)."""
        query = {"consultation_id": consultation_id, "_id": {"$in": comment_ids}}
        return await self._load_many(
            self._scoped(tenant, query),
            sort=[("_id", ASCENDING)],
            limit=len(comment_ids),
            session=session,
        )

    async def every_of_consultation(
        self, tenant: TenantContext, consultation_id: str, session: AsyncClientSession
    ) -> list[Comment]:
        """Return every comment of a consultation, however many, read page by page."""
        found: list[Comment] = []
        after: str | None = None
        while True:
            query: dict[str, Any] = {"consultation_id": consultation_id}
            if after is not None:
                query["_id"] = {"$gt": after}
            page = await self._load_many(
                self._scoped(tenant, query),
                sort=[("_id", ASCENDING)],
                limit=_PAGE,
                session=session,
            )
            found += page
            if len(page) < _PAGE:
                return found
            after = page[-1].id
