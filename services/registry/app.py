"""Assemble the registry service."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from services.registry.api import imports, organizations, public, tenants
from services.registry.api.deps import RegistryServices
from services.registry.demo import load_demo_data
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
from services.registry.search.index import SearchIndex
from services.registry.search.projector import organization_follower
from services.registry.services import AccessPolicy, OrganizationServices, TenantServices
from services.registry.services.imports import ImportServices, ImportWorker
from services.registry.services.onboarded import OnboardedTenants
from services.registry.services.public import PublicServices
from services.registry.settings import RegistrySettings
from shared.contracts.registry import ORGANIZATION_TOPIC, TENANT_TOPIC
from shared.http.app import create_service_app
from shared.runtime import Runtime, ServiceSpec
from shared.search.http import rebuild_router
from shared.tasks import stop_tasks

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


def _import_max_rows(runtime: Runtime) -> int:
    settings = runtime.settings
    if isinstance(settings, RegistrySettings):
        return settings.import_max_rows
    return int(RegistrySettings.model_fields["import_max_rows"].default)


def _wire(runtime: Runtime) -> RegistryServices:
    database = runtime.database
    organizations = OrganizationRepository(database)
    tenant_records = TenantRecords(database)
    access = AccessPolicy(organizations, tenant_records)
    onboarded = OnboardedTenants(tenant_records)
    index = SearchIndex()
    return RegistryServices(
        organizations=OrganizationServices(
            transactions=runtime.transactions,
            organizations=organizations,
            claims=IdentifierClaims(database),
            audit=AuditLog(database),
            access=access,
            onboarded=onboarded,
        ),
        tenants=TenantServices(transactions=runtime.transactions, tenants=tenant_records),
        public=PublicServices(
            directory=PublicDirectory(database),
            tenants=tenant_records,
            base_url=runtime.settings.public_base_url
            or f"http://{runtime.settings.http_host}:{runtime.settings.http_port}",
            index=index,
        ),
        imports=ImportServices(
            transactions=runtime.transactions,
            jobs=ImportJobs(database),
            chunks=ImportChunks(database),
            errors=ImportErrors(database),
            onboarded=onboarded,
            max_rows=_import_max_rows(runtime),
        ),
        search_indexes=(organization_follower(runtime.settings, index, PublicDirectory(database)),),
    )


@contextlib.asynccontextmanager
async def _background(runtime: Runtime, services: RegistryServices) -> AsyncIterator[None]:
    database = runtime.database
    settings = runtime.settings
    if isinstance(settings, RegistrySettings) and settings.demo_data:
        await load_demo_data(
            runtime.transactions,
            TenantRecords(database),
            OrganizationRepository(database),
            IdentifierClaims(database),
        )
    organizations = OrganizationRepository(database)
    await organizations.lists.backfill(organizations.every())
    await AuditLog(database).rekey()
    await ImportErrors(database).backfill()
    worker = ImportWorker(
        transactions=runtime.transactions,
        organizations=OrganizationRepository(database),
        matcher=OrganizationMatcher(database),
        claims=IdentifierClaims(database),
        audit=AuditLog(database),
        jobs=services.imports.jobs,
        chunks=services.imports.chunks,
        errors=services.imports.errors,
        wake=services.imports.wake_worker,
    )
    tasks = [asyncio.create_task(worker.run_forever(), name="import-worker")]
    tasks += [
        asyncio.create_task(f.run_forever(), name=f"search-{f.name}")
        for f in services.search_indexes
    ]
    try:
        yield
    finally:
        await stop_tasks(tasks)


def create_app(settings: RegistrySettings | None = None) -> FastAPI:
    """Build the registry app from settings (read from the environment by default)."""
    settings = settings or RegistrySettings()
    return create_service_app(
        settings,
        SPEC,
        title="NGO registry",
        description=(
            "Tenants, organizations with KRS, NIP and REGON, local lists of municipalities "
            "and the public NGO database."
        ),
        routers=[
            organizations.router,
            tenants.router,
            public.router,
            imports.router,
            rebuild_router(),
        ],
        wire=_wire,
        background=_background,
        body_limits={"/imports": settings.import_max_body_bytes},
    )
