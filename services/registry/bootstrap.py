"""The registry's composition root: every object of the service, built once from its settings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

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
    AccessPolicy,
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
from shared.contracts.registry import ORGANIZATION_TOPIC, TENANT_TOPIC
from shared.runtime import Runtime, ServiceSpec
from shared.tasks import stop_tasks

__all__ = ["SPEC", "Composition", "Worker", "bootstrap", "running"]

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


class Worker(Protocol):
    """A loop that runs in every replica while the app serves."""

    name: str

    async def run_forever(self) -> None:
        """Work until cancelled."""


@dataclass(frozen=True)
class Composition:
    """The registry's object graph: use cases, start-up steps (in order) and workers."""

    services: RegistryServices
    startup: Sequence[Callable[[], Awaitable[object]]] = ()
    workers: Sequence[Worker] = ()


def bootstrap(runtime: Runtime, settings: RegistrySettings) -> Composition:
    """Build every repository, use case, start-up step and worker of the registry once."""
    database = runtime.database
    organizations = OrganizationRepository(database)
    tenant_records = TenantRecords(database)
    claims = IdentifierClaims(database)
    audit = AuditLog(database)
    directory = PublicDirectory(database)
    jobs, chunks, errors = ImportJobs(database), ImportChunks(database), ImportErrors(database)
    onboarded = OnboardedTenants(tenant_records)
    index = SearchIndex()
    imports = ImportServices(
        transactions=runtime.transactions,
        jobs=jobs,
        chunks=chunks,
        errors=errors,
        onboarded=onboarded,
        max_rows=settings.import_max_rows,
    )
    services = RegistryServices(
        organizations=OrganizationServices(
            transactions=runtime.transactions,
            organizations=organizations,
            claims=claims,
            audit=audit,
            access=AccessPolicy(organizations, tenant_records),
            onboarded=onboarded,
        ),
        tenants=TenantServices(transactions=runtime.transactions, tenants=tenant_records),
        public=PublicServices(
            directory=directory,
            tenants=tenant_records,
            base_url=settings.public_base_url
            or f"http://{settings.http_host}:{settings.http_port}",
            index=index,
        ),
        imports=imports,
        search_indexes=(organization_follower(settings, index, directory),),
    )
    worker = ImportWorker(
        transactions=runtime.transactions,
        organizations=organizations,
        matcher=OrganizationMatcher(database),
        claims=claims,
        audit=audit,
        jobs=jobs,
        chunks=chunks,
        errors=errors,
        wake=imports.wake_worker,
    )
    startup: list[Callable[[], Awaitable[object]]] = []
    if settings.demo_data:
        transactions = runtime.transactions
        startup.append(lambda: load_demo_data(transactions, tenant_records, organizations, claims))
    startup += [
        lambda: organizations.lists.backfill(organizations.every()),
        audit.rekey,
        errors.backfill,
    ]
    return Composition(services=services, startup=startup, workers=(worker,))


@asynccontextmanager
async def running(composition: Composition) -> AsyncIterator[None]:
    """Run the start-up steps, then the workers and search followers until the app stops."""
    for step in composition.startup:
        await step()
    tasks = [asyncio.create_task(w.run_forever(), name=w.name) for w in composition.workers]
    tasks += [
        asyncio.create_task(f.run_forever(), name=f"search-{f.name}")
        for f in composition.services.search_indexes
    ]
    try:
        yield
    finally:
        await stop_tasks(tasks)
