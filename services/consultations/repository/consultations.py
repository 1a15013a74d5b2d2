"""Consultations, their comments, survey responses and published reports."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter
from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.consultations.domain.consultation.comment import Comment, CommentTally
from services.consultations.domain.consultation.consultation import (
    Consultation,
    ConsultationState,
)
from services.consultations.domain.consultation.survey import SurveyResponse
from services.consultations.repository.comment_lists import (
    CommentListEntries,
    comment_list,
    joined,
    placements_in_order,
)
from shared.aggregates import AggregateRepository
from shared.mongo import Document, TenantRepository
from shared.paging import Page, Placement
from shared.tenancy import TenantContext

__all__ = [
    "CommentRepository",
    "ConsultationRepository",
    "SurveyResponseRepository",
]

PUBLIC_STATES = [
    ConsultationState.OPEN.value,
    ConsultationState.CLOSED.value,
    ConsultationState.REPORT_PUBLISHED.value,
]
# A consultation gathers at most a few hundred comments; the bound only guards memory.
ALL_OF_ONE = 10_000
# The report reads every comment, in pages of this many.
_PAGE = 1_000


class ConsultationRepository(AggregateRepository[Consultation]):
    """Consultations of a municipality; the public sees them once opened."""

    collection_name = "consultations"
    adapter = TypeAdapter(Consultation)
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("drafted_at", DESCENDING)], name="recent"),
        IndexModel(
            [("tenant_id", ASCENDING), ("state", ASCENDING), ("ends_at", ASCENDING)], name="due"
        ),
    )

    def query_fields(self, aggregate: Consultation) -> Document:
        """Return the state and dates lists and the closing job filter on."""
        return {
            "state": aggregate.state.value,
            "drafted_at": aggregate.drafted_at,
            "starts_at": aggregate.terms.starts_at,
            "ends_at": aggregate.terms.ends_at,
        }

    async def list_visible(
        self, tenant: TenantContext, *, state: ConsultationState | None, limit: int
    ) -> list[Consultation]:
        """Return the tenant's consultations and the opened ones it reads, newest first."""
        query: dict[str, Any] = {
            # A municipality's drafts are its own business, even for its support centre.
            "$or": [{"tenant_id": tenant.tenant_id}, {"state": {"$in": PUBLIC_STATES}}]
        }
        if state:
            query["state"] = state.value
        return await self._load_many(
            self._visible(tenant, query), sort=[("drafted_at", DESCENDING)], limit=limit
        )

    async def list_public(
        self, tenant: TenantContext, *, state: ConsultationState | None, limit: int
    ) -> list[Consultation]:
        """Return a municipality's opened consultations, newest first (never drafts)."""
        states = [state.value] if state else PUBLIC_STATES
        query = self._scoped(tenant, {"state": {"$in": states}})
        return await self._load_many(query, sort=[("drafted_at", DESCENDING)], limit=limit)

    async def get_public(self, tenant: TenantContext, consultation_id: str) -> Consultation | None:
        """Return a municipality's consultation if it was opened."""
        query = self._scoped(tenant, {"_id": consultation_id, "state": {"$in": PUBLIC_STATES}})
        document = await self._collection.find_one(query)
        return self.load(document) if document else None

    async def get_announced(
        self, consultation_id: str, session: AsyncClientSession | None = None
    ) -> Consultation | None:
        """Return an opened consultation of any municipality: public, and NGOs act anywhere."""
        query = {"_id": consultation_id, "state": {"$in": PUBLIC_STATES}}
        document = await self._collection.find_one(query, session=session)
        return self.load(document) if document else None

    async def every_public(self) -> AsyncIterator[Consultation]:
        """Yield every tenant's opened consultations (to rebuild the search)."""
        async for document in self._collection.find({"state": {"$in": PUBLIC_STATES}}):
            yield self.load(document)

    async def due_to_close(self, now: datetime, *, limit: int) -> list[tuple[str, str]]:
        """Return (tenant id, consultation id) of open consultations past their end.

        The closing job works for every municipality, so this one read spans tenants; each
        consultation is then loaded and saved within its own tenant.
        """
        cursor = self._collection.find(
            {"state": ConsultationState.OPEN.value, "ends_at": {"$lte": now}}
        ).sort([("ends_at", ASCENDING)])
        return [(d["tenant_id"], d["_id"]) for d in await cursor.limit(limit).to_list()]


class _CountsInConsultation(TenantRepository):
    """Counts documents of one consultation with one field's value, for the limits."""

    async def _count_in(
        self,
        tenant: TenantContext,
        consultation_id: str,
        field: str,
        value: str | None,
        session: AsyncClientSession,
    ) -> int:
        # Within one consultation only, on an index that starts with the tenant and it.
        if value is None:
            return 0
        query = self._scoped(tenant, {"consultation_id": consultation_id, field: value})
        return await self._collection.count_documents(query, session=session)


class CommentRepository(_CountsInConsultation, AggregateRepository[Comment]):
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


class SurveyResponseRepository(_CountsInConsultation, AggregateRepository[SurveyResponse]):
    """Survey responses of consultations."""

    collection_name = "survey_responses"
    adapter = TypeAdapter(SurveyResponse)
    indexes = (
        IndexModel(
            [
                ("tenant_id", ASCENDING),
                ("consultation_id", ASCENDING),
                ("respondent_subject", ASCENDING),
            ],
            name="by_respondent",
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

    def query_fields(self, aggregate: SurveyResponse) -> Document:
        """Return the consultation and respondent the once-per-person rule looks up."""
        return {
            "consultation_id": aggregate.consultation_id,
            "respondent_subject": aggregate.respondent.subject,
            "client_key": aggregate.client_key,
            "submitted_at": aggregate.submitted_at,
        }

    async def answered(
        self,
        tenant: TenantContext,
        consultation_id: str,
        subject: str,
        session: AsyncClientSession,
    ) -> bool:
        """Return whether `subject` already answered the consultation's survey."""
        query = {"consultation_id": consultation_id, "respondent_subject": subject}
        return await self._find_one(tenant, query, session) is not None

    async def count_from_client(
        self,
        tenant: TenantContext,
        consultation_id: str,
        client_key: str | None,
        session: AsyncClientSession,
    ) -> int:
        """Return how many survey responses of the consultation came from the client."""
        return await self._count_in(tenant, consultation_id, "client_key", client_key, session)

    async def of_consultation(
        self, tenant: TenantContext, consultation_id: str, session: AsyncClientSession
    ) -> list[SurveyResponse]:
        """Return every survey response of a consultation."""
        return await self._load_many(
            self._scoped(tenant, {"consultation_id": consultation_id}),
            sort=[("submitted_at", ASCENDING), ("_id", ASCENDING)],
            limit=ALL_OF_ONE,
            session=session,
        )
