"""Rounds of the cooperation-quality index."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import TypeAdapter
from pymongo import ASCENDING, DESCENDING, IndexModel

from services.consultations.domain.index.round import IndexRound, RoundState
from shared.aggregates import AggregateRepository
from shared.mongo import Document
from shared.tenancy import TenantContext

__all__ = ["IndexRoundRepository"]

# A municipality runs a round every year or two; the bound only guards memory.
ROUNDS_MAX = 500


class IndexRoundRepository(AggregateRepository[IndexRound]):
    """Assessment rounds of municipalities, with their scorecards and conclusions."""

    collection_name = "index_rounds"
    adapter = TypeAdapter(IndexRound)
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("state", ASCENDING), ("assessed_on", DESCENDING)],
            name="by_state",
        ),
    )

    def query_fields(self, aggregate: IndexRound) -> Document:
        """Return the state and day lists sort and filter on (the day as ISO text sorts)."""
        return {"state": aggregate.state.value, "assessed_on": aggregate.assessed_on.isoformat()}

    async def of_tenant(self, tenant: TenantContext) -> list[IndexRound]:
        """Return a municipality's rounds, the latest assessed first."""
        return await self._load_many(
            self._scoped(tenant, {}),
            sort=[("assessed_on", DESCENDING), ("_id", ASCENDING)],
            limit=ROUNDS_MAX,
        )

    async def published_of(
        self, tenant: TenantContext, tenant_ids: Sequence[str]
    ) -> list[IndexRound]:
        """Return the published rounds of the given municipalities the caller may read."""
        readable = [t for t in tenant_ids if t in tenant.visible_tenant_ids]
        if not readable:
            return []
        query = {"tenant_id": {"$in": readable}, "state": RoundState.PUBLISHED.value}
        return await self._load_many(
            query, sort=[("assessed_on", ASCENDING), ("_id", ASCENDING)], limit=ROUNDS_MAX
        )
