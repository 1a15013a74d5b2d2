"""The durable import worker: it imports queued CSV jobs chunk by chunk, any replica."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import datetime

from services.registry.domain.organization.organization import Organization, register_organization
from services.registry.domain.organization.profile import Profile
from services.registry.repository import (
    AuditLog,
    IdentifierClaims,
    OrganizationMatcher,
    OrganizationRepository,
)
from services.registry.repository.audit import AuditEntry
from services.registry.repository.claims import IdentifierTaken
from services.registry.repository.imports import ImportChunks, ImportErrors, ImportJobs
from services.registry.services.import_rows import RowError, ValidRow, parse_row
from shared.clock import Clock
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.errors import DomainError
from shared.logging import get_logger
from shared.mongo import Document
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import TenantContext

__all__ = ["MAX_STORED_ERRORS", "ImportWorker"]

MAX_STORED_ERRORS = 5000
log = get_logger(__name__)


@dataclass
class _ChunkPlan:
    created: list[Organization] = field(default_factory=list)
    updated: dict[str, Organization] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # organization id -> its row number
    passed_over: list[Organization] = field(default_factory=list)


@dataclass
class ImportWorker:
    """Imports queued jobs chunk by chunk; each chunk and its progress commit together."""

    transactions: TransactionRunner
    organizations: OrganizationRepository
    matcher: OrganizationMatcher
    claims: IdentifierClaims
    audit: AuditLog
    jobs: ImportJobs
    chunks: ImportChunks
    errors: ImportErrors
    wake: asyncio.Event
    clock: Clock
    owner: str = field(default_factory=new_id)
    name: str = "import-worker"

    async def run_forever(self, idle_seconds: float = 5.0) -> None:
        """Import whatever is queued, then wait to be woken."""
        while True:
            try:
                job = await self.jobs.claim_next(self.owner, now=self.clock.timestamp())
                if job is not None:
                    await self.run_job(job)
                    continue
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.exception("import.worker.failed", error=str(error))
            self.wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), idle_seconds)

    async def run_job(self, job: Document) -> None:
        """Import the remaining chunks of a job."""
        tenant = TenantContext(job["tenant_id"])
        # Read once per job, then kept up to date with what the job writes: a rename or listing
        # by someone else meanwhile is caught by the optimistic lock or matched by number.
        listed = await self.organizations.listed_names(tenant)
        for seq in range(int(job["next_chunk"]), int(job["chunks"])):
            rows = await self.chunks.get(tenant, job["_id"], seq)
            plan = await self._import_chunk(tenant, job, seq, rows, listed)
            for organization in [*plan.created, *plan.updated.values()]:
                listed.setdefault(organization.profile.name.lower(), organization.id)
            await self.jobs.beat(job["_id"], self.owner, now=self.clock.timestamp())
        await self.jobs.update(
            tenant, job["_id"], {"$set": {"state": "done"}, "$currentDate": {"finished_at": True}}
        )
        await self.chunks.drop(tenant, job["_id"])
        log.info("import.job.done", job_id=job["_id"], tenant_id=tenant.tenant_id)

    async def _import_chunk(
        self,
        tenant: TenantContext,
        job: Document,
        seq: int,
        rows: list[Document],
        listed: dict[str, str],
    ) -> _ChunkPlan:
        parsed = [parse_row(r["row"], r["values"]) for r in rows]

        async def work(transaction: Transaction) -> _ChunkPlan:
            plan = await self._plan(tenant, job, parsed, listed)
            await self._write(tenant, job, plan, transaction)
            await self._advance(tenant, job, seq, len(rows), plan, transaction)
            return plan

        plan = await self.transactions.run(work)
        if plan.errors:
            await self.errors.add(
                tenant, job["_id"], [_error_document(e) for e in plan.errors[:MAX_STORED_ERRORS]]
            )
        return plan

    async def _plan(
        self,
        tenant: TenantContext,
        job: Document,
        parsed: list[ValidRow | list[RowError]],
        listed: dict[str, str],
    ) -> _ChunkPlan:
        plan = _ChunkPlan()
        valid = [p for p in parsed if isinstance(p, ValidRow)]
        for failed in (p for p in parsed if not isinstance(p, ValidRow)):
            plan.errors.extend(failed)
        index = _Index(tenant, await self._candidates(valid, listed))
        plan.passed_over = index.passed_over
        now = self.clock.now()
        for row in valid:
            try:
                self._apply_row(tenant, job, row, index, plan, now)
            except DomainError as error:
                plan.errors.append(RowError(row.number, _error_field(error), error.detail.en))
        return plan

    async def _candidates(self, rows: list[ValidRow], listed: dict[str, str]) -> list[Organization]:
        """Load the organizations the rows may describe, each found by `_id` or an equality."""
        profiles = [r.profile for r in rows]
        claimed = await self.claims.holders(
            {
                "krs": [p.krs for p in profiles if p.krs],
                "nip": [p.nip for p in profiles if p.nip],
            }
        )
        # REGON is not claimed (only KRS and NIP must be unique); look it up where they found none.
        unresolved = [p.regon for p in profiles if p.regon and not _claims_of(p) & claimed.keys()]
        ids = {*claimed.values(), *await self.matcher.ids_by_regon(unresolved)}
        names = (p.name.lower() for p in profiles if not _number_keys(p))
        ids |= {listed[name] for name in names if name in listed}
        return await self.matcher.get_many(ids)

    @staticmethod
    def _apply_row(
        tenant: TenantContext,
        job: Document,
        row: ValidRow,
        index: _Index,
        plan: _ChunkPlan,
        now: datetime,
    ) -> None:
        existing = index.find(row.profile)
        if existing is None:
            organization = register_organization(
                tenant_id=tenant.tenant_id,
                profile=row.profile,
                registered_by=job["created_by"],
                verified=True,
                note=row.note,
                now=now,
            )
            plan.created.append(organization)
            index.add(organization)
            return
        # Listing is not owning: only the home municipality's import changes the profile.
        if existing.is_owned_by(tenant.tenant_id):
            changes = {
                name: getattr(row.profile, name)
                for name in row.profile.changed_fields(existing.profile)
                if name != "contact_persons"
            }
            existing.update(changes, now=now, reviewed=True)
        entry = existing.local_lists.get(tenant.tenant_id)
        if entry is None or entry.needs_assessment != row.note:
            existing.list_in(tenant.tenant_id, note=row.note, actor=job["created_by"], now=now)
        created_ids = {o.id for o in plan.created}
        if existing.events and existing.id not in created_ids:
            plan.updated[existing.id] = existing
            plan.rows[existing.id] = row.number

    async def _write(
        self, tenant: TenantContext, job: Document, plan: _ChunkPlan, transaction: Transaction
    ) -> None:
        session = transaction.session
        for unverified in plan.passed_over:
            # Claims an unverified registration took before only verified ones could.
            await self.claims.release_all(unverified, session)
        await self.claims.claim_new(plan.created, session)
        await self.organizations.add_many(tenant, plan.created, session)
        for organization in list(plan.updated.values()):
            try:
                await self.claims.claim(organization, session)
            except IdentifierTaken as taken:
                # Another verified organization holds the new number: this row fails, not the job.
                del plan.updated[organization.id]
                reason = f"A verified organization already holds this {taken.field.upper()}."
                plan.errors.append(RowError(plan.rows[organization.id], taken.field, reason))
                continue
            await self.claims.release_stale(organization, session)
            await self.organizations.save(organization, session)
        touched = [*plan.created, *plan.updated.values()]
        events: list[tuple[EventContract, TenantContext]] = [
            (event, TenantContext(o.tenant_of(event))) for o in touched for event in o.events
        ]
        await transaction.emit_many(events)
        entries = [
            AuditEntry(o.id, "imported", ("*",), job["created_by"], tenant.tenant_id, o.updated_at)
            for o in touched
        ]
        await self.audit.record_many(tenant, entries, session)

    async def _advance(
        self,
        tenant: TenantContext,
        job: Document,
        seq: int,
        rows: int,
        plan: _ChunkPlan,
        transaction: Transaction,
    ) -> None:
        counters = {
            "processed_rows": rows,
            "created": len(plan.created),
            "updated": len(plan.updated),
            "failed": len({e.number for e in plan.errors}),
        }
        await self.jobs.advance(tenant, job["_id"], seq, counters, transaction.session)


class _Index:
    """Finds the organization a row describes: by KRS, NIP, REGON, then by name."""

    def __init__(self, tenant: TenantContext, organizations: list[Organization]) -> None:
        self._tenant_id = tenant.tenant_id
        self._by_key: dict[str, Organization] = {}
        self.passed_over: list[Organization] = []
        for organization in organizations:
            self.add(organization)

    def add(self, organization: Organization) -> None:
        """Index an organization by its numbers, and by its name if on the tenant's list."""
        if not organization.may_be_listed_by(self._tenant_id):
            # Another tenant's unverified registration is never matched nor listed.
            self.passed_over.append(organization)
            return
        profile = organization.profile
        keys = _number_keys(profile)
        if self._tenant_id in organization.listed_in:
            keys.append(f"name:{profile.name.lower()}")
        for key in keys:
            self._by_key.setdefault(key, organization)

    def find(self, profile: Profile) -> Organization | None:
        """Return the organization a row's profile describes, if known."""
        # A row with numbers is matched by its numbers only; a name decides only without them.
        keys = _number_keys(profile) or [f"name:{profile.name.lower()}"]
        return next((self._by_key[k] for k in keys if k in self._by_key), None)


def _number_keys(profile: Profile) -> list[str]:
    numbers = {"krs": profile.krs, "nip": profile.nip, "regon": profile.regon}
    return [f"{name}:{value}" for name, value in numbers.items() if value]


def _claims_of(profile: Profile) -> set[str]:
    return {key for key in _number_keys(profile) if not key.startswith("regon:")}


def _error_field(error: DomainError) -> str:
    return error.errors[0].field.split(".")[-1] if error.errors else "row"


def _error_document(error: RowError) -> Document:
    return {"row": error.number, "field": error.field, "reason": error.reason}
