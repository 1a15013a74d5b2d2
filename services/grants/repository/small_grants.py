"""Small grants (art. 19a), the yearly caps of each municipality and published results."""

from __future__ import annotations

from decimal import Decimal

from pydantic import TypeAdapter
from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.grants.domain.common.money import Money
from services.grants.domain.competition.results import (
    PublishedLine,
    PublishedResultsOf,
    sum_granted,
)
from services.grants.domain.small_grant.small_grant import (
    SmallGrant,
    SmallGrantPolicy,
    SmallGrantState,
)
from shared.aggregates import AggregateRepository
from shared.contracts.grants import CompetitionResultsPublished
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["PublishedResults", "SmallGrantPolicies", "SmallGrantRepository"]


class SmallGrantRepository(AggregateRepository[SmallGrant]):
    """Simplified offers outside competitions."""

    collection_name = "small_grants"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("state", ASCENDING), ("received_on", DESCENDING)],
            name="state_received",
        ),
        IndexModel([("tenant_id", ASCENDING), ("organization_id", ASCENDING)], name="organization"),
    )
    adapter = TypeAdapter(SmallGrant)

    def query_fields(self, aggregate: SmallGrant) -> Document:
        """Return the applicant, the state and the day of receipt."""
        return {
            "organization_id": aggregate.organization_id,
            "state": aggregate.state.value,
            "received_on": aggregate.received_on.isoformat(),
        }

    async def in_states(
        self, tenant: TenantContext, *, organization_id: str | None, states: list[SmallGrantState]
    ) -> list[SmallGrant]:
        """Return the tenant's small grants in the states (of one organization if given)."""
        query: Document = {"state": {"$in": [s.value for s in states]}}
        if organization_id is not None:
            query["organization_id"] = organization_id
        return await self.find(tenant, query, sort=[("received_on", -1)])


class SmallGrantPolicies(TenantRepository):
    """The caps a municipality sets for each budget year."""

    collection_name = "small_grant_policies"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("year", ASCENDING)], name="year", unique=True),
    )

    async def get(
        self, tenant: TenantContext, year: int, session: AsyncClientSession | None = None
    ) -> SmallGrantPolicy | None:
        """Return the caps of one year, if the municipality set them."""
        document = await self._find_one(tenant, {"year": year}, session)
        if document is None:
            return None
        return SmallGrantPolicy(
            year=year,
            organization_cap=Money(Decimal(document["organization_cap"])),
            pool_share_percent=Decimal(document["pool_share_percent"]),
            planned_grants_total=Money(Decimal(document["planned_grants_total"])),
        )

    async def put(
        self, tenant: TenantContext, policy: SmallGrantPolicy, session: AsyncClientSession
    ) -> None:
        """Store the caps of a year, replacing earlier ones."""
        document = self._scoped(
            tenant,
            {
                "_id": f"{tenant.tenant_id}-{policy.year}",
                "year": policy.year,
                "organization_cap": str(policy.organization_cap.amount),
                "pool_share_percent": str(policy.pool_share_percent),
                "planned_grants_total": str(policy.planned_grants_total.amount),
            },
        )
        await self._collection.replace_one(
            {"_id": document["_id"], "tenant_id": tenant.tenant_id},
            document,
            upsert=True,
            session=session,
        )


class PublishedResults(TenantRepository):
    """The public list of results of each resolved competition, as it was published."""

    collection_name = "published_results"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("published_at", DESCENDING)], name="newest"),)

    async def add(
        self,
        tenant: TenantContext,
        title: str,
        area: str,
        event: CompetitionResultsPublished,
        session: AsyncClientSession,
    ) -> None:
        """Keep the results exactly as the event published them."""
        document = {
            "_id": event.competition_id,
            "title": title,
            "area": area,
            "published_at": event.published_at,
            "data": event.model_dump(mode="json"),
        }
        await self._insert(tenant, document, session)

    async def newest(self, tenant: TenantContext, limit: int) -> list[PublishedResultsOf]:
        """Return the newest results of the tenant."""
        found = await self._find(tenant, {}, sort=[("published_at", -1)], limit=limit)
        return [_published(document) for document in found]


def _published(document: Document) -> PublishedResultsOf:
    data = document["data"]
    lines = tuple(_line(line) for line in data.get("results", ()))
    total = data.get("total_granted")
    return PublishedResultsOf(
        competition_id=document["_id"],
        title=document["title"],
        area=document["area"],
        published_at=document["published_at"],
        total_granted=Decimal(str(total)) if total is not None else sum_granted(lines),
        lines=lines,
    )


def _line(line: Document) -> PublishedLine:
    # Read leniently: the public feed must render whatever was stored.
    points = line.get("points")
    return PublishedLine(
        offer_id=line.get("offer_id", ""),
        organization_id=line.get("organization_id", ""),
        organization_name=line.get("organization_name", ""),
        task_title=line.get("task_title", ""),
        points=Decimal(str(points)) if points is not None else None,
        granted_amount=Decimal(str(line.get("granted_amount", "0"))),
    )
