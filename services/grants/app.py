"""Assemble the grants service."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta

from fastapi import FastAPI

from services.grants.api import (
    agreements,
    centre,
    committee,
    competitions,
    offer_checks,
    offers,
    public,
)
from services.grants.api import small_grants as small_grant_routes
from services.grants.api.deps import GrantsServices
from services.grants.domain.small_grant_comments import CommentLimits
from services.grants.handlers.registry_events import registry_effects
from services.grants.repository import (
    REPOSITORIES,
    AgreementRepository,
    ApplicantDirectory,
    CommitteeRepository,
    CompetitionRepository,
    OfferRepository,
    PublishedResults,
    ReportRepository,
    SmallGrantCommentRepository,
    SmallGrantPolicies,
    SmallGrantRepository,
    TenantDirectory,
)
from services.grants.services.access import Access
from services.grants.services.agreements import AgreementServices
from services.grants.services.centre import CentreServices
from services.grants.services.common import Clock
from services.grants.services.competitions import CompetitionServices
from services.grants.services.directory import DirectoryServices
from services.grants.services.documents import DocumentServices
from services.grants.services.offers import OfferServices
from services.grants.services.public import PublicServices
from services.grants.services.reports import ReportServices
from services.grants.services.results import ResultServices
from services.grants.services.review import CommitteeServices
from services.grants.services.search import competition_follower, competition_index
from services.grants.services.small_grants import SmallGrantServices
from services.grants.settings import GrantsSettings
from shared.contracts.grants import TOPICS
from shared.http.app import create_service_app
from shared.runtime import Runtime, ServiceSpec
from shared.scheduler import PeriodicJob, run_periodic_jobs
from shared.search.http import rebuild_router
from shared.search.projector import with_search

SPEC = ServiceSpec(
    produces=TOPICS,
    repositories=REPOSITORIES,
    effects=lambda runtime: registry_effects(
        DirectoryServices(ApplicantDirectory(runtime.database), TenantDirectory(runtime.database))
    ),
)


def _wire(runtime: Runtime) -> GrantsServices:
    database, transactions, clock = runtime.database, runtime.transactions, Clock()
    competitions, offers = CompetitionRepository(database), OfferRepository(database)
    committees, agreements = CommitteeRepository(database), AgreementRepository(database)
    reports, small_grants = ReportRepository(database), SmallGrantRepository(database)
    applicants, tenants = ApplicantDirectory(database), TenantDirectory(database)
    access = Access(competitions, applicants, tenants)
    settings = runtime.settings
    assert isinstance(settings, GrantsSettings)
    index = competition_index()
    offer_services = OfferServices(transactions, competitions, offers, committees, access, clock)
    report_services = ReportServices(transactions, agreements, reports, clock)
    return GrantsServices(
        clock=clock,
        competitions=CompetitionServices(transactions, competitions, access, clock),
        offers=offer_services,
        committees=CommitteeServices(transactions, competitions, offers, committees, clock),
        results=ResultServices(
            transactions, competitions, offers, committees, PublishedResults(database), clock
        ),
        agreements=AgreementServices(
            transactions, competitions, offers, agreements, reports, tenants, clock
        ),
        reports=report_services,
        small_grants=SmallGrantServices(
            transactions,
            small_grants,
            SmallGrantPolicies(database),
            agreements,
            tenants,
            access,
            clock,
            SmallGrantCommentRepository(database),
            CommentLimits(
                max_length=settings.small_grant_comment_max_chars,
                per_author=settings.small_grant_comments_per_author,
                per_address=settings.small_grant_comments_per_address,
            ),
        ),
        public=PublicServices(
            competitions,
            PublishedResults(database),
            tenants,
            base_url=settings.public_base_url
            or f"http://{settings.http_host}:{settings.http_port}",
            index=index,
        ),
        centre=CentreServices(competitions, tenants, access),
        directory=DirectoryServices(applicants, tenants),
        documents=DocumentServices(
            offer_services, report_services, offers, small_grants, applicants, tenants
        ),
        search_indexes=(competition_follower(settings, index, competitions),),
    )


@contextlib.asynccontextmanager
async def _background(runtime: Runtime, services: GrantsServices) -> AsyncIterator[None]:
    settings = runtime.settings
    assert isinstance(settings, GrantsSettings)
    await OfferRepository(runtime.database).backfill_lists()
    await SmallGrantCommentRepository(runtime.database).backfill()
    jobs = [
        PeriodicJob(
            "close-competitions",
            timedelta(seconds=settings.deadline_job_seconds),
            services.competitions.close_due,
        ),
        PeriodicJob(
            "report-notices",
            timedelta(seconds=settings.report_notice_job_seconds),
            services.agreements.raise_report_notices,
        ),
    ]
    async with run_periodic_jobs(runtime.database, jobs):
        yield


def create_app(settings: GrantsSettings | None = None) -> FastAPI:
    """Build the grants app from settings (read from the environment by default)."""
    return create_service_app(
        settings or GrantsSettings(),
        SPEC,
        title="Grants",
        description=(
            "Open competitions for public tasks, from announcement to settlement: offers, "
            "formal review, committee, agreements, reports, small grants and public results."
        ),
        routers=[
            competitions.router,
            offers.router,
            committee.router,
            agreements.router,
            small_grant_routes.router,
            public.router,
            centre.router,
            offer_checks.router,
            rebuild_router(),
        ],
        wire=_wire,
        background=with_search(_background),
    )
