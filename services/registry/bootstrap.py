"""The registry's composition root: every object of the service, built once from its settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.registry.adapters.search.index import SearchIndex
from services.registry.adapters.search.projector import organization_follower
from services.registry.repository import (
    AuditLog,
    IdentifierClaims,
    LocalListEntries,
    OrganizationMatcher,
    OrganizationRepository,
    PublicDirectory,
    TenantRecords,
)
from services.registry.repository.imports import ImportChunks, ImportErrors, ImportJobs
from services.registry.services import (
    Access,
    ImportServices,
    OrganizationServices,
    PublicServices,
    RegistryServices,
    TenantServices,
)
from services.registry.services.demo import load_demo_data
from services.registry.services.import_worker import ImportWorker
from services.registry.services.onboarded import OnboardedTenants
from services.registry.settings import RegistrySettings
from shared.access import Centres
from shared.clock import SYSTEM_CLOCK, Clock
from shared.composition import Composition
from shared.contracts.registry import ORGANIZATION_TOPIC, TENANT_TOPIC
from shared.mongo import Document
from shared.outbox import TransactionRunner
from shared.recording import EventRecorder
from shared.runtime import Runtime, ServiceSpec

__all__ = ["SPEC", "Stores", "bootstrap", "compose"]

SPEC = ServiceSpec(
    produces=[ORGANIZATION_TOPIC, TENANT_TOPIC],
    repositories=[
        OrganizationRepository,
        OrganizationMatcher,
        PublicDirectory,
        IdentifierClaims,
        TenantRecords,
        AuditLog,
        ImportJobs,
        ImportChunks,
        ImportErrors,
        LocalListEntries,
    ],
)


@dataclass(frozen=True)
class Stores:
    """Every store of the registry, one instance each (tests pass in-memory ones)."""

    organizations: OrganizationRepository
    tenants: TenantRecords
    claims: IdentifierClaims
    audit: AuditLog
    directory: PublicDirectory
    matcher: OrganizationMatcher
    jobs: ImportJobs
    chunks: ImportChunks
    errors: ImportErrors

    @classmethod
    def of(cls, database: AsyncDatabase[Document]) -> Stores:
        """Open every store of the registry's database."""
        return cls(
            organizations=OrganizationRepository(database),
            tenants=TenantRecords(database),
            claims=IdentifierClaims(database),
            audit=AuditLog(database),
            directory=PublicDirectory(database),
            matcher=OrganizationMatcher(database),
            jobs=ImportJobs(database),
            chunks=ImportChunks(database),
            errors=ImportErrors(database),
        )


def bootstrap(
    runtime: Runtime[RegistrySettings], *, clock: Clock = SYSTEM_CLOCK
) -> Composition[RegistryServices]:
    """Build the registry's object graph once, over the runtime's database and transactions."""
    return compose(Stores.of(runtime.database), runtime.transactions, runtime.settings, clock=clock)


def compose(
    stores: Stores,
    transactions: TransactionRunner,
    settings: RegistrySettings,
    *,
    clock: Clock,
) -> Composition[RegistryServices]:
    """Wire use cases, start-up steps, the import worker and the search follower over `stores`."""
    recorder = EventRecorder()
    onboarded = OnboardedTenants(stores.tenants)
    index = SearchIndex()
    imports = ImportServices(
        transactions=transactions,
        jobs=stores.jobs,
        chunks=stores.chunks,
        errors=stores.errors,
        onboarded=onboarded,
        clock=clock,
        max_rows=settings.import_max_rows,
    )
    services = RegistryServices(
        organizations=OrganizationServices(
            transactions=transactions,
            organizations=stores.organizations,
            claims=stores.claims,
            audit=stores.audit,
            access=Access(stores.organizations, Centres(stores.tenants)),
            onboarded=onboarded,
            recorder=recorder,
            clock=clock,
        ),
        tenants=TenantServices(
            transactions=transactions, tenants=stores.tenants, recorder=recorder, clock=clock
        ),
        public=PublicServices(
            directory=stores.directory,
            tenants=stores.tenants,
            base_url=settings.base_url,
            clock=clock,
            index=index,
        ),
        imports=imports,
    )
    worker = ImportWorker(
        transactions=transactions,
        organizations=stores.organizations,
        matcher=stores.matcher,
        claims=stores.claims,
        audit=stores.audit,
        jobs=stores.jobs,
        chunks=stores.chunks,
        errors=stores.errors,
        wake=imports.wake_worker,
        clock=clock,
    )
    return Composition(
        services=services,
        startup=_startup(stores, transactions, settings, recorder=recorder, clock=clock),
        workers=(worker,),
        search_indexes=(organization_follower(settings, index, stores.directory),),
    )


def _startup(
    stores: Stores,
    transactions: TransactionRunner,
    settings: RegistrySettings,
    *,
    recorder: EventRecorder,
    clock: Clock,
) -> list[Callable[[], Awaitable[object]]]:
    """Return the start-up steps in order: demo data, then the read models' one-off backfills."""
    organizations, tenants = stores.organizations, stores.tenants

    async def demo() -> None:
        await load_demo_data(
            transactions, tenants, organizations, stores.claims, recorder=recorder, clock=clock
        )

    steps: list[Callable[[], Awaitable[object]]] = [demo] if settings.demo_data else []
    return [
        *steps,
        lambda: organizations.lists.backfill(organizations.every()),
        stores.audit.rekey,
        stores.errors.backfill,
    ]
