"""In-memory fakes of the registry's stores, for fast tests of its use cases.

Each fake keeps the semantics the use cases rely on (tenant scoping, optimistic locking,
identifier claims, name order of local lists) and nothing of MongoDB; the integration tests
under tests/registry/api check the real stores.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from services.registry.bootstrap import Stores, compose
from services.registry.domain.organization.local_list import name_key
from services.registry.domain.organization.organization import Organization
from services.registry.domain.public_query import PublicQuery
from services.registry.domain.tenant.tenant import Tenant, TenantKind, onboard_tenant
from services.registry.repository.audit import AuditEntry
from services.registry.repository.claims import IdentifierTaken
from services.registry.services import (
    ImportServices,
    OrganizationServices,
    PublicServices,
    RegistryServices,
    TenantServices,
)
from services.registry.services.import_worker import ImportWorker
from services.registry.settings import RegistrySettings
from shared.composition import Composition
from shared.errors import Conflict, Text
from shared.mongo import Document
from shared.tenancy import TenantContext
from tests.support.clock import FixedClock
from tests.support.fakes import FakeTransactionRunner, Snapshotted

ONBOARDED_AT = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def onboarded(tenant_id: str, *members: str, name: str | None = None) -> Tenant:
    """Return a tenant as the platform onboards it: a support centre when it has members."""
    kind = TenantKind.SUPPORT_CENTRE if members else TenantKind.MUNICIPALITY
    return onboard_tenant(
        tenant_id=tenant_id,
        name=name or f"Gmina {tenant_id}",
        kind=kind,
        member_ids=list(members),
        now=ONBOARDED_AT,
    )


def _fresh(organization: Organization) -> Organization:
    found = copy.deepcopy(organization)
    found.events = []
    return found


class FakeOrganizations(Snapshotted):
    """Organizations by id: home tenant, local lists, versions (like OrganizationRepository)."""

    def __init__(self) -> None:
        self.items: dict[str, Organization] = {}

    async def add(self, tenant: TenantContext, organization: Organization, session: Any) -> None:
        assert tenant.tenant_id == organization.home_tenant_id, "added outside its home"
        assert organization.id not in self.items, f"duplicate key {organization.id}"
        self.items[organization.id] = _fresh(organization)

    async def add_many(
        self, tenant: TenantContext, organizations: list[Organization], session: Any
    ) -> None:
        for organization in organizations:
            await self.add(tenant, organization, session)

    async def save(self, organization: Organization, session: Any) -> None:
        stored = self.items.get(organization.id)
        if stored is None or stored.version != organization.version:
            raise Conflict(detail=Text("Zmieniona w międzyczasie.", "Changed meanwhile."))
        organization.version += 1
        self.items[organization.id] = _fresh(organization)

    async def get_own(self, organization_id: str) -> Organization | None:
        found = self.items.get(organization_id)
        return _fresh(found) if found else None

    async def get_visible(self, tenant: TenantContext, organization_id: str) -> Organization | None:
        found = self.items.get(organization_id)
        if found is None or not self._visible_to(found, set(tenant.visible_tenant_ids)):
            return None
        return _fresh(found)

    async def registered_by(
        self, tenant: TenantContext, subject: str, *, limit: int
    ) -> list[Organization]:
        mine = [
            o
            for o in self.items.values()
            if o.home_tenant_id == tenant.tenant_id and o.registered_by == subject
        ]
        return [_fresh(o) for o in sorted(mine, key=name_key)[:limit]]

    async def list_visible(
        self, tenant: TenantContext, *, municipality_id: str | None, after: str | None, limit: int
    ) -> list[Organization]:
        tenants = {municipality_id} if municipality_id else set(tenant.visible_tenant_ids)
        found = [
            o
            for o in self.items.values()
            if set(o.listed_in) & tenants
            or (municipality_id is None and o.home_tenant_id in tenants)
        ]
        ordered = [o for o in sorted(found, key=name_key) if after is None or name_key(o) > after]
        return [_fresh(o) for o in ordered[:limit]]

    async def listed_names(self, tenant: TenantContext) -> dict[str, str]:
        names: dict[str, str] = {}
        for organization in self.items.values():
            if tenant.tenant_id in organization.listed_in:
                names.setdefault(organization.profile.name.lower(), organization.id)
        return names

    async def every(self, batch: int = 1000) -> AsyncIterator[Organization]:
        for key in sorted(self.items):
            yield _fresh(self.items[key])

    async def any_exist(self) -> bool:
        return bool(self.items)

    def all(self) -> list[Organization]:
        """Return every stored organization (for assertions)."""
        return [_fresh(o) for o in self.items.values()]

    def stored(self, organization_id: str) -> Organization:
        """Return what is stored now (for assertions)."""
        return _fresh(self.items[organization_id])

    @staticmethod
    def _visible_to(organization: Organization, tenants: set[str]) -> bool:
        return organization.home_tenant_id in tenants or bool(set(organization.listed_in) & tenants)


class FakeTenantRecords(Snapshotted):
    """Tenants by id (like TenantRecords)."""

    def __init__(self, *tenants: Tenant) -> None:
        self.items: dict[str, Tenant] = {t.id: copy.deepcopy(t) for t in tenants}
        self.reads = 0

    async def add(self, tenant: Tenant, session: Any) -> None:
        if tenant.id in self.items:
            raise Conflict(detail=Text("Już jest.", "Already there."), extra={"field": "id"})
        self.items[tenant.id] = self._fresh(tenant)

    async def save(self, tenant: Tenant, session: Any) -> None:
        self.items[tenant.id] = self._fresh(tenant)

    async def get(self, tenant_id: str) -> Tenant | None:
        self.reads += 1
        found = self.items.get(tenant_id)
        return self._fresh(found) if found else None

    async def list(self, tenant_ids: list[str] | None = None) -> list[Tenant]:
        ids = sorted(self.items if tenant_ids is None else set(tenant_ids) & set(self.items))
        return [self._fresh(self.items[i]) for i in ids]

    async def count(self) -> int:
        return len(self.items)

    @staticmethod
    def _fresh(tenant: Tenant) -> Tenant:
        found = copy.deepcopy(tenant)
        found.events = []
        return found


class FakeIdentifierClaims(Snapshotted):
    """KRS and NIP claims of verified organizations, unique across the platform."""

    def __init__(self, organizations: FakeOrganizations) -> None:
        self._organizations = organizations
        self.claims: dict[str, str] = {}  # "krs:<number>" -> organization id

    # Only the claims roll back: the organizations are a store of their own.
    def snapshot(self) -> Any:
        return dict(self.claims)

    def restore(self, state: Any) -> None:
        self.claims = dict(state)

    @staticmethod
    def _claim_ids(organization: Organization) -> dict[str, str]:
        numbers = {"krs": organization.profile.krs, "nip": organization.profile.nip}
        return {name: f"{name}:{value}" for name, value in numbers.items() if value}

    async def claim(self, organization: Organization, session: Any) -> None:
        free = []
        for name, claim_id in self._claim_ids(organization).items():
            holder_id = self.claims.get(claim_id)
            if holder_id is not None and holder_id != organization.id:
                holder = self._organizations.items.get(holder_id)
                if holder is not None and holder.verified:
                    raise IdentifierTaken(
                        name, holder.id, holder.profile.name, holder.home_tenant_id
                    )
                del self.claims[claim_id]
            free.append(claim_id)
        if organization.verified:
            for claim_id in free:
                self.claims[claim_id] = organization.id

    async def claim_new(self, organizations: list[Organization], session: Any) -> None:
        for organization in organizations:
            if organization.verified:
                for claim_id in self._claim_ids(organization).values():
                    assert claim_id not in self.claims, f"duplicate claim {claim_id}"
                    self.claims[claim_id] = organization.id

    async def holders(self, numbers: dict[str, Any]) -> dict[str, str]:
        wanted = {f"{name}:{value}" for name, values in numbers.items() for value in values}
        return {c: o for c, o in self.claims.items() if c in wanted}

    async def release_all(self, organization: Organization, session: Any) -> None:
        for claim_id in self._claim_ids(organization).values():
            if self.claims.get(claim_id) == organization.id:
                del self.claims[claim_id]

    async def release_stale(self, organization: Organization, session: Any) -> None:
        current = set(self._claim_ids(organization).values())
        for claim_id, holder in list(self.claims.items()):
            if holder == organization.id and claim_id not in current:
                del self.claims[claim_id]


class FakeAuditLog(Snapshotted):
    """Audit entries under each organization's home tenant, newest first per page."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, AuditEntry]] = []

    async def record(self, home: TenantContext, entry: AuditEntry, session: Any) -> None:
        self.entries.append((home.tenant_id, entry))

    async def record_many(
        self, tenant: TenantContext, entries: list[AuditEntry], session: Any
    ) -> None:
        self.entries += [(tenant.tenant_id, e) for e in entries]

    async def for_organization(
        self, home: TenantContext, organization_id: str, *, limit: int, before: str | None
    ) -> tuple[list[AuditEntry], str | None]:
        trail = [
            e
            for t, e in reversed(self.entries)
            if t == home.tenant_id and e.organization_id == organization_id
        ]
        start = 0
        if before is not None:
            owner, _, position = before.partition(":")
            if owner != organization_id:
                raise ValueError("a cursor of another trail")
            start = int(position)
        page = trail[start : start + limit]
        more = start + limit < len(trail)
        return page, f"{organization_id}:{start + limit}" if more else None

    async def rekey(self) -> int:
        return 0  # nothing stored by an older version to re-key

    def actions(self, organization_id: str) -> list[str]:
        """Return the recorded actions of one organization, oldest first."""
        return [e.action for _, e in self.entries if e.organization_id == organization_id]


class FakeImportJobs(Snapshotted):
    """Import jobs by id, scoped to their tenant ($set and $inc updates only)."""

    def __init__(self) -> None:
        self.items: dict[str, Document] = {}

    async def create(self, tenant: TenantContext, job: Document) -> None:
        self.items[job["_id"]] = {**copy.deepcopy(job), "tenant_id": tenant.tenant_id}

    async def delete(self, tenant: TenantContext, job_id: str) -> None:
        if await self.get(tenant, job_id) is not None:
            del self.items[job_id]

    async def get(self, tenant: TenantContext, job_id: str) -> Document | None:
        job = self.items.get(job_id)
        return copy.deepcopy(job) if job and job["tenant_id"] == tenant.tenant_id else None

    async def update(
        self, tenant: TenantContext, job_id: str, change: Document, session: Any = None
    ) -> None:
        job = self.items.get(job_id)
        if job is None or job["tenant_id"] != tenant.tenant_id:
            return
        job.update(change.get("$set", {}))
        for name, step in change.get("$inc", {}).items():
            job[name] = job.get(name, 0) + step
        for name in change.get("$currentDate", {}):
            job[name] = datetime.now(UTC)

    async def advance(
        self, tenant: TenantContext, job_id: str, seq: int, counters: dict[str, int], session: Any
    ) -> None:
        job = self.items.get(job_id)
        if job is not None and job["next_chunk"] == seq:  # a replayed chunk matches nothing
            await self.update(tenant, job_id, {"$set": {"next_chunk": seq + 1}, "$inc": counters})

    async def claim_next(self, owner: str, *, now: float) -> Document | None:
        queued = [j for j in self.items.values() if j["state"] == "queued"]
        if not queued:
            return None
        queued[0].update(state="running", owner=owner, heartbeat=now)
        return copy.deepcopy(queued[0])

    async def beat(self, job_id: str, owner: str, *, now: float) -> None:
        if self.items[job_id]["owner"] == owner:
            self.items[job_id]["heartbeat"] = now


class FakeMatcher:
    """Finds organizations across tenants by id or REGON (like OrganizationMatcher)."""

    def __init__(self, organizations: FakeOrganizations) -> None:
        self._organizations = organizations

    async def get_many(self, organization_ids: Any) -> list[Organization]:
        found = (self._organizations.items.get(i) for i in sorted(organization_ids))
        return [_fresh(o) for o in found if o is not None]

    async def ids_by_regon(self, regons: Any) -> set[str]:
        wanted = set(regons)
        return {o.id for o in self._organizations.items.values() if o.profile.regon in wanted}


class FakeImportChunks(Snapshotted):
    """Uploaded rows by (job, chunk number)."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, int], list[Document]] = {}

    async def add(self, tenant: TenantContext, job_id: str, seq: int, rows: list[Document]) -> None:
        self.items[(tenant.tenant_id, job_id, seq)] = copy.deepcopy(rows)

    async def get(self, tenant: TenantContext, job_id: str, seq: int) -> list[Document]:
        return copy.deepcopy(self.items.get((tenant.tenant_id, job_id, seq), []))

    async def drop(self, tenant: TenantContext, job_id: str) -> None:
        for key in [k for k in self.items if k[:2] == (tenant.tenant_id, job_id)]:
            del self.items[key]

    def rows_of(self, job_id: str) -> list[Document]:
        """Return every stored row of a job in chunk order (for assertions)."""
        keys = sorted(k for k in self.items if k[1] == job_id)
        return [row for key in keys for row in self.items[key]]


class FakeImportErrors(Snapshotted):
    """Row errors of imports, paged in row order; a cursor is the last row number."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, Document]] = []

    async def add(self, tenant: TenantContext, job_id: str, errors: list[Document]) -> None:
        self.items += [(tenant.tenant_id, job_id, dict(e)) for e in errors]

    async def backfill(self) -> int:
        return 0  # nothing stored by an older version to key

    async def page(
        self, tenant: TenantContext, job_id: str, *, limit: int, after: str | None = None
    ) -> tuple[list[Document], str | None]:
        if after is not None and not after.startswith(f"{job_id}:"):
            raise ValueError("a cursor of another import")
        start = int(after.split(":")[1]) if after else 0
        mine = [e for t, j, e in self.items if (t, j) == (tenant.tenant_id, job_id)]
        mine.sort(key=lambda e: e["row"])
        later = [e for e in mine if e["row"] > start]
        page = later[:limit]
        more = len(later) > limit
        return page, f"{job_id}:{page[-1]['row']}" if more else None


class FakePublicDirectory(Snapshotted):
    """Public records by organization id (like PublicDirectory), for the search follower."""

    def __init__(self) -> None:
        self.items: dict[str, Document] = {}

    async def get(self, organization_id: str) -> Document | None:
        return copy.deepcopy(self.items.get(organization_id))

    record = get

    async def records(self, organization_ids: list[str]) -> dict[str, Document]:
        return {i: copy.deepcopy(self.items[i]) for i in organization_ids if i in self.items}

    async def every(self, batch: int = 1000) -> AsyncIterator[Document]:
        for key in sorted(self.items):
            yield copy.deepcopy(self.items[key])

    async def search(self, query: PublicQuery) -> list[Document]:
        newest = query.sort == "-registered_at"
        found = sorted(
            self._matching(query),
            key=lambda d: d["registered_at"] if newest else d["name_key"],
            reverse=newest,
        )
        return copy.deepcopy(found[: query.limit])

    async def stream(self, query: PublicQuery, batch: int = 500) -> AsyncIterator[Document]:
        for document in sorted(self._matching(query), key=lambda d: d["_id"]):
            yield copy.deepcopy(document)

    def _matching(self, query: PublicQuery) -> list[Document]:
        return [
            d
            for d in self.items.values()
            if query.municipality is None or query.municipality in d.get("listed_in", [])
        ]


@dataclass
class FakeRegistry:
    """The registry's use cases over fake stores, wired by the registry's own `compose`."""

    stores: Stores
    runner: FakeTransactionRunner
    composition: Composition[RegistryServices]
    clock: FixedClock

    @property
    def organizations(self) -> FakeOrganizations:
        return self.stores.organizations

    @property
    def tenants(self) -> FakeTenantRecords:
        return self.stores.tenants

    @property
    def claims(self) -> FakeIdentifierClaims:
        return self.stores.claims

    @property
    def audit(self) -> FakeAuditLog:
        return self.stores.audit

    @property
    def jobs(self) -> FakeImportJobs:
        return self.stores.jobs

    @property
    def chunks(self) -> FakeImportChunks:
        return self.stores.chunks

    @property
    def organization_services(self) -> OrganizationServices:
        return self.composition.services.organizations

    @property
    def tenant_services(self) -> TenantServices:
        return self.composition.services.tenants

    @property
    def import_services(self) -> ImportServices:
        return self.composition.services.imports

    @property
    def public_services(self) -> PublicServices:
        return self.composition.services.public

    @property
    def directory(self) -> FakePublicDirectory:
        return self.stores.directory

    @property
    def worker(self) -> ImportWorker:
        [worker] = self.composition.workers
        assert isinstance(worker, ImportWorker)
        return worker


def fake_registry(
    *tenants: Tenant,
    max_rows: int = 200_000,
    retries: int = 0,
) -> FakeRegistry:
    """Return the registry as its bootstrap composes it, over empty fakes holding `tenants`."""
    organizations = FakeOrganizations()
    stores = Stores(
        organizations=organizations,
        tenants=FakeTenantRecords(*tenants),
        claims=FakeIdentifierClaims(organizations),
        audit=FakeAuditLog(),
        directory=FakePublicDirectory(),
        matcher=FakeMatcher(organizations),
        jobs=FakeImportJobs(),
        chunks=FakeImportChunks(),
        errors=FakeImportErrors(),
    )
    snapshotted = (s for s in vars(stores).values() if isinstance(s, Snapshotted))
    runner = FakeTransactionRunner(*snapshotted, retries=retries)
    settings = RegistrySettings(
        deployment="development",
        auth_jwks_url="file:///nonexistent/jwks.json",
        auth_issuer="http://identity.invalid",
        import_max_rows=max_rows,
    )
    clock = FixedClock()
    composition = compose(stores, runner, settings, clock=clock)
    return FakeRegistry(stores, runner, composition, clock)
