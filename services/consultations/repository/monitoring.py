"""The monitoring read model: facts per municipality, year and organization; report due days."""

from __future__ import annotations

from datetime import date

from pydantic import TypeAdapter
from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.consultations.domain.monitoring.ledger import ActivityFacts, FactsKey
from services.consultations.domain.monitoring.programme_report import ProgrammeReport
from shared.aggregates import AggregateRepository
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext
from shared.write_behind import replace_later

__all__ = ["ActivityFactsRepository", "ProgrammeReportRepository", "ReportDeadlineRepository"]

# Organizations active in one municipality in one year: hundreds at most.
FACTS_MAX = 20_000


def _facts_id(key: FactsKey) -> str:
    return f"{key.tenant_id}|{key.year}|{key.organization_id or ''}"


class ActivityFactsRepository(TenantRepository):
    """The ids behind every figure, one document per municipality, year and organization."""

    collection_name = "activity_facts"
    adapter: TypeAdapter[ActivityFacts] = TypeAdapter(ActivityFacts)
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("year", ASCENDING), ("organization_id", ASCENDING)],
            name="by_year",
        ),
    )

    async def get(self, key: FactsKey, session: AsyncClientSession) -> ActivityFacts:
        """Return the facts of `key`, empty if none were recorded yet."""
        document = await self._find_one(
            TenantContext(key.tenant_id), {"_id": _facts_id(key)}, session
        )
        return self.adapter.validate_python(document["data"]) if document else ActivityFacts(key)

    async def put(self, facts: ActivityFacts, session: AsyncClientSession) -> None:
        """Store the facts of one key whole."""
        key = facts.key
        document = {
            "_id": _facts_id(key),
            "tenant_id": key.tenant_id,
            "year": key.year,
            "organization_id": key.organization_id,
            "data": self.adapter.dump_python(facts, mode="json"),
        }
        query = {"_id": document["_id"], "tenant_id": key.tenant_id}
        await replace_later(session, self._collection, query, document)

    async def of_year(self, tenant: TenantContext, year: int) -> list[ActivityFacts]:
        """Return every fact of one municipality in one year."""
        documents = await self._find(tenant, {"year": year}, limit=FACTS_MAX)
        return [self.adapter.validate_python(d["data"]) for d in documents]

    async def of_organization(
        self, tenant: TenantContext, organization_id: str, year: int
    ) -> list[ActivityFacts]:
        """Return an organization's facts of one year in every municipality the caller reads."""
        query = self._visible(tenant, {"organization_id": organization_id, "year": year})
        documents = await self._collection.find(query).sort("tenant_id", ASCENDING).to_list()
        return [self.adapter.validate_python(d["data"]) for d in documents]

    async def of_organization_anywhere(
        self, organization_id: str, year: int
    ) -> list[ActivityFacts]:
        """Return an organization's facts of one year everywhere (for its own members)."""
        query = {"organization_id": organization_id, "year": year}
        documents = await self._collection.find(query).sort("tenant_id", ASCENDING).to_list()
        return [self.adapter.validate_python(d["data"]) for d in documents]


class ReportDeadlineRepository(TenantRepository):
    """The due days of reports under each agreement, as grants announced them."""

    collection_name = "report_deadlines"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("organization_id", ASCENDING)], name="by_org"),
    )

    async def note(
        self,
        tenant: TenantContext,
        *,
        agreement_id: str,
        organization_id: str,
        obligation: str,
        due_on: date,
        overdue: bool,
        session: AsyncClientSession,
    ) -> None:
        """Remember an obligation's due day, and whether grants declared it overdue."""
        key = _deadline_id(tenant, agreement_id)
        document = await self._find_one(tenant, {"_id": key}, session) or self._scoped(
            tenant,
            {
                "_id": key,
                "agreement_id": agreement_id,
                "organization_id": organization_id,
                "obligations": {},
            },
        )
        known: Document = document["obligations"].get(obligation, {})
        document["obligations"][obligation] = {
            "due_on": due_on.isoformat(),
            "overdue": bool(known.get("overdue")) or overdue,
        }
        await self._collection.replace_one(
            self._scoped(tenant, {"_id": key}), document, upsert=True, session=session
        )

    async def lookup(
        self,
        tenant: TenantContext,
        agreement_id: str,
        obligation: str,
        session: AsyncClientSession,
    ) -> tuple[date | None, bool]:
        """Return an obligation's due day (if announced) and whether it was declared overdue."""
        document = await self._find_one(
            tenant, {"_id": _deadline_id(tenant, agreement_id)}, session
        )
        known = (document or {}).get("obligations", {}).get(obligation)
        if not known:
            return None, False
        return date.fromisoformat(known["due_on"]), bool(known["overdue"])


def _deadline_id(tenant: TenantContext, agreement_id: str) -> str:
    # Ids come from another service; keyed with the tenant, one tenant's ids never clash
    # with another's.
    return f"{tenant.tenant_id}|{agreement_id}"


class ProgrammeReportRepository(AggregateRepository[ProgrammeReport]):
    """Draft reports on municipalities' cooperation programmes, one per year."""

    collection_name = "programme_reports"
    adapter = TypeAdapter(ProgrammeReport)
    indexes = (IndexModel([("tenant_id", ASCENDING), ("year", ASCENDING)], name="by_year"),)

    def query_fields(self, aggregate: ProgrammeReport) -> Document:
        """Return the programme year lists sort on."""
        return {"year": aggregate.programme_year}
