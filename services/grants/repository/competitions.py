"""Competitions, offers and committees of a tenant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter
from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.grants.domain.common.dates import local_date
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.domain.offer.offer import Offer, OfferState
from services.grants.domain.review.committee import Committee, Declaration
from services.grants.domain.review.scoring import ScoreSheet
from services.grants.repository.offer_lists import (
    OfferListEntries,
    joined_on_drafting,
    joined_on_submission,
    own,
    placements_in_order,
    received,
)
from shared.aggregates import AggregateRepository
from shared.errors import Conflict, Text
from shared.mongo import Document
from shared.paging import Page, Placement
from shared.tenancy import TenantContext
from shared.write_behind import insert_later

__all__ = ["CommitteeRepository", "CompetitionRepository", "OfferRepository"]


class CompetitionRepository(AggregateRepository[Competition]):
    """Competitions, newest first; the deadline and state stay queryable for the periodic jobs."""

    collection_name = "competitions"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("state", ASCENDING), ("offer_deadline", ASCENDING)],
            name="state_deadline",
        ),
        IndexModel([("tenant_id", ASCENDING), ("drafted_at", DESCENDING)], name="newest"),
    )
    adapter = TypeAdapter(Competition)

    def query_fields(self, aggregate: Competition) -> Document:
        """Return the state, dates and amounts that lists, feeds and totals read."""
        terms = aggregate.terms
        announced = aggregate.announced_at
        return {
            "state": aggregate.state.value,
            "title": terms.title,
            "area": terms.area.value,
            "offer_deadline": terms.offer_deadline,
            "drafted_at": aggregate.drafted_at,
            "announced_at": announced,
            "year": local_date(announced).year if announced else None,
        }

    async def in_states(
        self, tenant: TenantContext, *, states: list[CompetitionState], limit: int
    ) -> list[Competition]:
        """Return the competitions in the given states of every tenant the context reads."""
        query: dict[str, Any] = {"state": {"$in": [s.value for s in states]}}
        return await self.find_visible(tenant, query, sort=[("drafted_at", -1)], limit=limit)

    async def announced_anywhere(self, competition_id: str) -> Competition | None:
        """Return a competition of any tenant if it takes offers now (the public may see it)."""
        query = {"_id": competition_id, "state": CompetitionState.ANNOUNCED.value}
        document = await self._collection.find_one(query)
        return self.load(document) if document else None

    async def every_announced(self) -> AsyncIterator[Competition]:
        """Yield every tenant's competitions that take offers now (to rebuild the search)."""
        query = {"state": CompetitionState.ANNOUNCED.value}
        async for document in self._collection.find(query):
            yield self.load(document)

    async def due_for_closing(self, now: datetime) -> list[Competition]:
        """Return the announced competitions of every tenant whose deadline has passed."""
        query = {"state": CompetitionState.ANNOUNCED.value, "offer_deadline": {"$lte": now}}
        return await self.find_across_tenants(query)

    async def announced_in(self, tenant: TenantContext, year: int | None) -> list[Competition]:
        """Return every competition ever announced in the tenants the context reads."""
        query: dict[str, Any] = {"year": year} if year is not None else {"year": {"$ne": None}}
        return await self.find_visible(tenant, query, sort=[("drafted_at", 1)], limit=10_000)


class OfferRepository(AggregateRepository[Offer]):
    """Offers; the lists officers and organizations page through are `_id` ranges of entries."""

    collection_name = "offers"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("competition_id", ASCENDING), ("state", ASCENDING)],
            name="competition_state",
        ),
        IndexModel([("tenant_id", ASCENDING), ("organization_id", ASCENDING)], name="organization"),
    )
    adapter = TypeAdapter(Offer)

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        super().__init__(database)
        self.lists = OfferListEntries(database)

    def query_fields(self, aggregate: Offer) -> Document:
        """Return the competition, applicant and state."""
        return {
            "competition_id": aggregate.competition_id,
            "organization_id": aggregate.organization_id,
            "state": aggregate.state.value,
            "drafted_at": aggregate.drafted_at,
        }

    async def add(self, aggregate: Offer, session: AsyncClientSession) -> None:
        """Insert a new offer at the end of its organization's list."""
        # Held to the transaction's end: nobody can name a new offer before it commits.
        document = self._scoped(TenantContext(aggregate.tenant_id), self._document(aggregate))
        await insert_later(session, self._collection, [document])
        await self.lists.append(joined_on_drafting(aggregate), session)

    async def save(self, aggregate: Offer, session: AsyncClientSession) -> None:
        """Replace the offer; the save that submits it appends it to its competition's list."""
        await super().save(aggregate, session)
        await self.lists.append(joined_on_submission(aggregate), session)

    async def of_competition(
        self,
        tenant: TenantContext,
        competition_id: str,
        states: list[OfferState],
        session: AsyncClientSession | None = None,
    ) -> list[Offer]:
        """Return a competition's offers in the given states, oldest first."""
        query = {"competition_id": competition_id, "state": {"$in": [s.value for s in states]}}
        return await self.find(tenant, query, sort=[("drafted_at", 1)], session=session)

    async def page_of_competition(
        self, tenant: TenantContext, competition_id: str, *, after: str | None, limit: int
    ) -> Page[Offer]:
        """Return a page of the offers a competition received, in the order they came."""
        group, name = received(tenant.tenant_id, competition_id)
        return await self.lists.page(
            group, name, after=after, limit=limit, load=self.listed(tenant)
        )

    async def page_of_organization(
        self, tenant: TenantContext, organization_id: str, *, after: str | None, limit: int
    ) -> Page[Offer]:
        """Return a page of one organization's offers, newest first."""
        group, name = own(tenant.tenant_id, organization_id)
        return await self.lists.page(
            group, name, after=after, limit=limit, load=self.listed(tenant), newest_first=True
        )

    async def backfill_lists(self) -> int:
        """Number offers stored before the lists' read model existed (once; repeatable)."""
        return await self.lists.backfill(self._every_placed())

    async def _every_placed(self) -> AsyncIterator[tuple[str, Placement]]:
        async for offer in self.every():
            for placed in placements_in_order(offer):
                yield placed


class CommitteeRepository(AggregateRepository[Committee]):
    """One committee per competition; members, declarations and sheets are stored as lists."""

    collection_name = "committees"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("competition_id", ASCENDING)],
            name="competition",
            unique=True,
        ),
    )
    adapter = TypeAdapter(Committee)
    _sheets = TypeAdapter(list[ScoreSheet])
    _declarations = TypeAdapter(list[Declaration])

    def query_fields(self, aggregate: Committee) -> Document:
        """Return the competition and the members' ids."""
        return {"competition_id": aggregate.competition_id, "member_ids": list(aggregate.members)}

    def dump(self, aggregate: Committee) -> Document:
        """Store maps keyed by people or pairs as lists (keys may hold dots or be tuples)."""
        data: Document = self.adapter.dump_python(
            aggregate, mode="json", exclude={"events", "version", "sheets", "declarations"}
        )
        data["members"] = list(data["members"].values())
        data["declarations"] = self._declarations.dump_python(
            list(aggregate.declarations.values()), mode="json"
        )
        data["sheets"] = self._sheets.dump_python(list(aggregate.sheets.values()), mode="json")
        return data

    def load(self, document: Document) -> Committee:
        """Rebuild the committee and its maps."""
        data = dict(document["data"])
        sheets = self._sheets.validate_python(data.pop("sheets"))
        declarations = self._declarations.validate_python(data.pop("declarations"))
        data["members"] = {member["member_id"]: member for member in data["members"]}
        committee: Committee = self.adapter.validate_python(
            {**data, "version": document["version"]}
        )
        committee.sheets = {(s.member_id, s.offer_id): s for s in sheets}
        committee.declarations = {d.member_id: d for d in declarations}
        return committee

    async def add(self, aggregate: Committee, session: AsyncClientSession) -> None:
        """Insert the committee, or 409 if the competition already has one."""
        try:
            await super().add(aggregate, session)
        except DuplicateKeyError:
            raise Conflict(
                detail=Text(
                    "Komisja tego konkursu już została powołana.",
                    "The committee of this competition is already appointed.",
                )
            ) from None

    async def of_competition(
        self,
        tenant: TenantContext,
        competition_id: str,
        session: AsyncClientSession | None = None,
    ) -> Committee | None:
        """Return the committee of a competition, if one was appointed."""
        document = await self._find_one(tenant, {"competition_id": competition_id}, session)
        return self.load(document) if document else None
