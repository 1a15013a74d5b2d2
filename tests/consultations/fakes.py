"""In-memory stand-ins for the consultations stores (fast use-case tests).

Each fake keeps what MongoDB would: the aggregate dumped to JSON and loaded again, its
version checked on save, and reads scoped to the tenants a context may see. They are
`Snapshotted`, so the kernel's FakeTransactionRunner drops a failed unit of work's writes.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from pymongo.errors import DuplicateKeyError

from services.consultations.bootstrap import Stores
from services.consultations.domain.consultation.comment import CommentTally
from services.consultations.domain.consultation.consultation import ConsultationState
from services.consultations.domain.monitoring.ledger import ActivityFacts, FactsKey
from services.consultations.repository import (
    ActivityFactsRepository,
    CommentRepository,
    ConsultationRepository,
    CouncilRepository,
    IndexRoundRepository,
    ProgrammeReportRepository,
    ReportRepository,
    SurveyResponseRepository,
)
from services.consultations.repository.consultations import PUBLIC_STATES
from shared.aggregates import AggregateRepository
from shared.directory import KnownOrganization, KnownTenant
from shared.errors import Conflict
from shared.paging import Page
from shared.tenancy import TenantContext
from tests.support.fakes import Snapshotted


class FakeAggregates(Snapshotted):
    """Aggregates by id, stored as JSON with their tenant and version (`AggregateRepository`)."""

    real: type[AggregateRepository[Any]]

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}

    def _document(self, aggregate: Any) -> dict[str, Any]:
        return {
            "tenant_id": aggregate.tenant_id,
            "version": aggregate.version,
            "data": self.real.adapter.dump_python(
                aggregate, mode="json", exclude={"events", "version"}
            ),
        }

    def _load(self, row: dict[str, Any]) -> Any:
        aggregate = self.real.adapter.validate_python(copy.deepcopy(row["data"]))
        aggregate.version = row["version"]
        return aggregate

    def _all(self, tenant_ids: Sequence[str] | None = None) -> list[Any]:
        return [
            self._load(row)
            for row in self.rows.values()
            if tenant_ids is None or row["tenant_id"] in tenant_ids
        ]

    async def add(self, aggregate: Any, session: Any = None) -> None:
        """Insert a new aggregate; an id taken is a duplicate key, as in MongoDB."""
        if aggregate.id in self.rows:
            raise DuplicateKeyError(f"duplicate _id {aggregate.id}")
        self.rows[aggregate.id] = self._document(aggregate)

    async def save(self, aggregate: Any, session: Any = None) -> None:
        """Replace the aggregate unless its stored version moved on (then 409, as for real)."""
        row = self.rows.get(aggregate.id)
        if (
            row is None
            or row["tenant_id"] != aggregate.tenant_id
            or row["version"] != aggregate.version
        ):
            raise Conflict(detail=self.real.stale, extra={"reason": "stale"})
        aggregate.version += 1
        self.rows[aggregate.id] = self._document(aggregate)

    async def get(self, tenant: TenantContext, aggregate_id: str, session: Any = None) -> Any:
        """Return an aggregate of the caller's own tenant."""
        row = self.rows.get(aggregate_id)
        return self._load(row) if row and row["tenant_id"] == tenant.tenant_id else None

    async def get_visible(self, tenant: TenantContext, aggregate_id: str) -> Any:
        """Return an aggregate of any tenant the context may read."""
        row = self.rows.get(aggregate_id)
        return self._load(row) if row and row["tenant_id"] in tenant.visible_tenant_ids else None


class FakeConsultations(FakeAggregates):
    """Consultations; the public sees them once opened."""

    real = ConsultationRepository

    async def list_visible(
        self, tenant: TenantContext, *, state: ConsultationState | None, limit: int
    ) -> list[Any]:
        """Return the tenant's own consultations and the opened ones of those it reads."""
        found = [
            c
            for c in self._all(tenant.visible_tenant_ids)
            if (c.tenant_id == tenant.tenant_id or c.state.value in PUBLIC_STATES)
            and (state is None or c.state is state)
        ]
        return sorted(found, key=lambda c: c.drafted_at, reverse=True)[:limit]

    async def list_public(
        self, tenant: TenantContext, *, state: ConsultationState | None, limit: int
    ) -> list[Any]:
        """Return a municipality's opened consultations, newest first."""
        states = [state.value] if state else PUBLIC_STATES
        found = [c for c in self._all([tenant.tenant_id]) if c.state.value in states]
        return sorted(found, key=lambda c: c.drafted_at, reverse=True)[:limit]

    async def get_public(self, tenant: TenantContext, consultation_id: str) -> Any:
        """Return a municipality's consultation if it was opened."""
        found = await self.get(tenant, consultation_id)
        return found if found and found.state.value in PUBLIC_STATES else None

    async def get_announced(self, consultation_id: str, session: Any = None) -> Any:
        """Return an opened consultation of any municipality."""
        row = self.rows.get(consultation_id)
        found = self._load(row) if row else None
        return found if found and found.state.value in PUBLIC_STATES else None

    async def every_public(self) -> AsyncIterator[Any]:
        """Yield every opened consultation."""
        for consultation in self._all():
            if consultation.state.value in PUBLIC_STATES:
                yield consultation

    async def due_to_close(self, now: datetime, *, limit: int) -> list[tuple[str, str]]:
        """Return (tenant id, id) of open consultations past their end, earliest first."""
        due = [
            c for c in self._all() if c.state is ConsultationState.OPEN and c.terms.ends_at <= now
        ]
        due.sort(key=lambda c: c.terms.ends_at)
        return [(c.tenant_id, c.id) for c in due[:limit]]


class FakeComments(FakeAggregates):
    """Comments of consultations, in the order they came."""

    real = CommentRepository

    def _of(self, tenant: TenantContext, consultation_id: str) -> list[Any]:
        found = [c for c in self._all([tenant.tenant_id]) if c.consultation_id == consultation_id]
        return sorted(found, key=lambda c: c.submitted_at)

    async def tally(
        self,
        tenant: TenantContext,
        consultation_id: str,
        *,
        author_subject: str,
        client_key: str | None,
        session: Any = None,
    ) -> CommentTally:
        """Count the author's comments, and the client's, in the consultation."""
        comments = self._of(tenant, consultation_id)
        return CommentTally(
            by_author=sum(c.author.subject == author_subject for c in comments),
            from_address=0
            if client_key is None
            else sum(c.client_key == client_key for c in comments),
        )

    async def page_of_consultation(
        self,
        tenant: TenantContext,
        consultation_id: str,
        *,
        author_subject: str | None = None,
        answered: bool | None = None,
        after: str | None,
        limit: int,
    ) -> Page[Any]:
        """Return a page of the consultation's (or one author's) comments, oldest first."""
        listed = [
            c
            for c in self._of(tenant, consultation_id)
            if author_subject is None or c.author.subject == author_subject
        ]
        ids = [c.id for c in listed]
        start = ids.index(after) + 1 if after in ids else 0
        window = listed[start : start + limit]
        more = start + limit < len(listed)
        kept = [c for c in window if answered is None or c.is_answered == answered]
        return Page(kept, window[-1].id if more and window else None)

    async def with_ids(
        self, tenant: TenantContext, consultation_id: str, comment_ids: list[str], session: Any
    ) -> list[Any]:
        """Return the consultation's comments among `comment_ids`, by id."""
        found = [c for c in self._of(tenant, consultation_id) if c.id in comment_ids]
        return sorted(found, key=lambda c: c.id)

    async def every_of_consultation(
        self, tenant: TenantContext, consultation_id: str, session: Any
    ) -> list[Any]:
        """Return every comment of a consultation, by id."""
        return sorted(self._of(tenant, consultation_id), key=lambda c: c.id)

    async def backfill_lists(self) -> int:
        """Nothing to number: the fake keeps its order."""
        return 0


class FakeSurveyResponses(FakeAggregates):
    """Survey responses of consultations."""

    real = SurveyResponseRepository

    def _of(self, tenant: TenantContext, consultation_id: str) -> list[Any]:
        found = [r for r in self._all([tenant.tenant_id]) if r.consultation_id == consultation_id]
        return sorted(found, key=lambda r: (r.submitted_at, r.id))

    async def answered(
        self, tenant: TenantContext, consultation_id: str, subject: str, session: Any
    ) -> bool:
        """Return whether `subject` already answered the survey."""
        return any(r.respondent.subject == subject for r in self._of(tenant, consultation_id))

    async def count_from_client(
        self, tenant: TenantContext, consultation_id: str, client_key: str | None, session: Any
    ) -> int:
        """Return how many responses came from the client."""
        if client_key is None:
            return 0
        return sum(r.client_key == client_key for r in self._of(tenant, consultation_id))

    async def of_consultation(
        self, tenant: TenantContext, consultation_id: str, session: Any
    ) -> list[Any]:
        """Return every response of a consultation."""
        return self._of(tenant, consultation_id)


class FakeReports(Snapshotted):
    """Published consultation reports, one per consultation, never changed."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], Any] = {}

    async def add(self, tenant: TenantContext, report: Any, session: Any = None) -> None:
        """Store a newly published report (a second one is a duplicate key)."""
        key = (tenant.tenant_id, report.consultation_id)
        if key in self.rows:
            raise DuplicateKeyError(f"duplicate report {key}")
        self.rows[key] = ReportRepository.adapter.dump_python(report, mode="json")

    async def get(self, tenant: TenantContext, consultation_id: str) -> Any:
        """Return the report of one of the tenant's consultations, if published."""
        data = self.rows.get((tenant.tenant_id, consultation_id))
        return None if data is None else ReportRepository.adapter.validate_python(data)


class FakeCouncils(FakeAggregates):
    """Public benefit councils, one per municipality."""

    real = CouncilRepository


class FakeIndexRounds(FakeAggregates):
    """Assessment rounds of municipalities."""

    real = IndexRoundRepository

    async def of_tenant(self, tenant: TenantContext) -> list[Any]:
        """Return a municipality's rounds, the latest assessed first."""
        rounds = self._all([tenant.tenant_id])
        rounds.sort(key=lambda r: r.id)
        return sorted(rounds, key=lambda r: r.assessed_on, reverse=True)

    async def published_of(self, tenant: TenantContext, tenant_ids: Sequence[str]) -> list[Any]:
        """Return the published rounds of those municipalities the context reads."""
        readable = [t for t in tenant_ids if t in tenant.visible_tenant_ids]
        rounds = [r for r in self._all(readable) if r.state.value == "published"]
        return sorted(rounds, key=lambda r: (r.assessed_on, r.id))


class FakeProgrammeReports(FakeAggregates):
    """Draft reports on cooperation programmes, one per municipality and year."""

    real = ProgrammeReportRepository


class FakeActivityFacts(Snapshotted):
    """Monitoring facts, one record per municipality, year and organization."""

    def __init__(self) -> None:
        self.rows: dict[FactsKey, Any] = {}

    def _load(self, data: Any) -> ActivityFacts:
        facts: ActivityFacts = ActivityFactsRepository.adapter.validate_python(data)
        return facts

    async def get(self, key: FactsKey, session: Any = None) -> ActivityFacts:
        """Return the facts of `key`, empty if none were recorded yet."""
        data = self.rows.get(key)
        return ActivityFacts(key) if data is None else self._load(data)

    async def put(self, facts: ActivityFacts, session: Any = None) -> None:
        """Store the facts of one key whole."""
        self.rows[facts.key] = ActivityFactsRepository.adapter.dump_python(facts, mode="json")

    async def of_year(self, tenant: TenantContext, year: int) -> list[ActivityFacts]:
        """Return every fact of one municipality in one year."""
        return [
            self._load(d)
            for k, d in self.rows.items()
            if k.tenant_id == tenant.tenant_id and k.year == year
        ]

    async def of_organization(
        self, tenant: TenantContext, organization_id: str, year: int
    ) -> list[ActivityFacts]:
        """Return an organization's facts in every municipality the context reads."""
        keys = sorted(
            (k for k in self.rows if k.tenant_id in tenant.visible_tenant_ids),
            key=lambda k: k.tenant_id,
        )
        return [
            self._load(self.rows[k])
            for k in keys
            if k.organization_id == organization_id and k.year == year
        ]

    async def of_organization_anywhere(
        self, organization_id: str, year: int
    ) -> list[ActivityFacts]:
        """Return an organization's facts everywhere."""
        keys = sorted(self.rows, key=lambda k: k.tenant_id)
        return [
            self._load(self.rows[k])
            for k in keys
            if k.organization_id == organization_id and k.year == year
        ]


class FakeReportDeadlines(Snapshotted):
    """Due days of reports under agreements, as grants announced them."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], tuple[date, bool]] = {}

    async def note(
        self,
        tenant: TenantContext,
        *,
        agreement_id: str,
        organization_id: str,
        obligation: str,
        due_on: date,
        overdue: bool,
        session: Any = None,
    ) -> None:
        """Remember a due day; once declared overdue, an obligation stays overdue."""
        key = (tenant.tenant_id, agreement_id, obligation)
        known = self.rows.get(key)
        self.rows[key] = (due_on, bool(known and known[1]) or overdue)

    async def lookup(
        self, tenant: TenantContext, agreement_id: str, obligation: str, session: Any = None
    ) -> tuple[date | None, bool]:
        """Return the due day (if announced) and whether it was declared overdue."""
        return self.rows.get((tenant.tenant_id, agreement_id, obligation), (None, False))


class FakeTenantDirectory(Snapshotted):
    """Tenants as the registry announced them (`TenantStore`)."""

    def __init__(self) -> None:
        self.rows: dict[str, KnownTenant] = {}

    async def put(self, tenant: KnownTenant, session: Any = None) -> None:
        """Store a tenant as last announced."""
        self.rows[tenant.id] = tenant

    async def get(self, tenant_id: str) -> KnownTenant | None:
        """Return one tenant, if announced."""
        return self.rows.get(tenant_id)

    async def names(self, tenant_ids: Iterable[str]) -> dict[str, str]:
        """Return the names of the announced tenants among `tenant_ids`."""
        return {t: self.rows[t].name for t in set(tenant_ids) if t in self.rows}

    async def name_of(self, tenant_id: str) -> str:
        """Return a tenant's name, its id while unknown."""
        known = self.rows.get(tenant_id)
        return known.name if known else tenant_id


class FakeOrganizationNames(Snapshotted):
    """Organizations' public names under their home tenant (`OrganizationStore`)."""

    def __init__(self) -> None:
        self.rows: dict[str, KnownOrganization] = {}

    async def put_profile(
        self,
        home: TenantContext,
        organization_id: str,
        profile: dict[str, Any],
        at: datetime,
        session: Any = None,
    ) -> None:
        """Store an organization's profile as last published."""
        self.rows[organization_id] = KnownOrganization(
            organization_id, home.tenant_id, profile["name"], profile.get("status", "active")
        )

    async def put_status(
        self, home: TenantContext, organization_id: str, status: str, at: datetime, session: Any
    ) -> bool:
        """Change the status of an organization of this home; False if unknown there."""
        known = self.rows.get(organization_id)
        if known is None or known.home_tenant_id != home.tenant_id:
            return False
        self.rows[organization_id] = replace(known, status=status)
        return True

    async def get(self, organization_id: str, session: Any = None) -> KnownOrganization | None:
        """Return an organization, whatever its home."""
        return self.rows.get(organization_id)

    async def names(self, organization_ids: Iterable[str]) -> dict[str, str]:
        """Return the names of the given organizations, whatever their home."""
        return {o: self.rows[o].name for o in set(organization_ids) if o in self.rows}


def fake_stores() -> Stores:
    """Return a full set of empty in-memory stores."""
    return Stores(
        consultations=FakeConsultations(),
        comments=FakeComments(),
        responses=FakeSurveyResponses(),
        reports=FakeReports(),
        councils=FakeCouncils(),
        rounds=FakeIndexRounds(),
        facts=FakeActivityFacts(),
        deadlines=FakeReportDeadlines(),
        programme_reports=FakeProgrammeReports(),
        directory=FakeTenantDirectory(),
        organizations=FakeOrganizationNames(),
    )
