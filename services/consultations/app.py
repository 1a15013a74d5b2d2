"""Assemble the consultations service."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta

from fastapi import FastAPI

from services.consultations.api import consultations, index, monitoring, participation, public
from services.consultations.api.deps import ConsultationsServices
from services.consultations.domain.consultation.comment import CommentLimits
from services.consultations.domain.consultation.schedule import SchedulePolicy
from services.consultations.handlers import monitoring_effects
from services.consultations.repository import (
    REPOSITORIES,
    ActivityFactsRepository,
    CommentRepository,
    ConsultationRepository,
    CouncilRepository,
    IndexRoundRepository,
    OrganizationNames,
    ProgrammeReportRepository,
    ReportDeadlineRepository,
    ReportRepository,
    SurveyResponseRepository,
    TenantDirectory,
)
from services.consultations.services import (
    AccessPolicy,
    AnnualReportServices,
    ConsultationServices,
    IndexServices,
    MonitoringRecorder,
    MonitoringServices,
    ParticipationServices,
    PublicServices,
)
from services.consultations.services.client_keys import ClientKeys
from services.consultations.services.common import Outbox
from services.consultations.services.search import consultation_follower, consultation_index
from services.consultations.settings import ConsultationsSettings
from shared.consumer import EventEffect
from shared.contracts.consultations import TOPICS
from shared.http.app import create_service_app
from shared.runtime import Runtime, ServiceSpec
from shared.scheduler import PeriodicJob, run_periodic_jobs
from shared.search.http import rebuild_router
from shared.search.projector import with_search


def _recorder(runtime: Runtime) -> MonitoringRecorder:
    database = runtime.database
    return MonitoringRecorder(
        facts=ActivityFactsRepository(database),
        deadlines=ReportDeadlineRepository(database),
        organizations=OrganizationNames(database),
        directory=TenantDirectory(database),
    )


def _effects(runtime: Runtime) -> dict[str, dict[str, EventEffect]]:
    return monitoring_effects(_recorder(runtime))


SPEC = ServiceSpec(produces=list(TOPICS), repositories=REPOSITORIES, effects=_effects)


def _settings(runtime: Runtime) -> ConsultationsSettings:
    settings = runtime.settings
    if not isinstance(settings, ConsultationsSettings):
        raise TypeError("the consultations service runs with ConsultationsSettings")
    return settings


def _wire(runtime: Runtime) -> ConsultationsServices:
    database, transactions, settings = runtime.database, runtime.transactions, _settings(runtime)
    consultations_repo = ConsultationRepository(database)
    directory = TenantDirectory(database)
    organizations = OrganizationNames(database)
    access = AccessPolicy(directory=directory, councils=CouncilRepository(database))
    outbox = Outbox(_recorder(runtime))
    monitoring_services = MonitoringServices(
        facts=ActivityFactsRepository(database),
        organizations=organizations,
        directory=directory,
        access=access,
    )
    search_index = consultation_index()
    public_services = PublicServices(
        consultations=consultations_repo,
        reports=ReportRepository(database),
        organizations=organizations,
        tenants=directory,
        rounds=IndexRoundRepository(database),
        index=search_index,
    )
    return ConsultationsServices(
        consultations=ConsultationServices(
            transactions=transactions,
            outbox=outbox,
            consultations=consultations_repo,
            councils=CouncilRepository(database),
            access=access,
            policy=SchedulePolicy(
                days_needed_after_end=settings.programme_days_after_end,
                minimum_days_open=settings.minimum_days_open,
            ),
        ),
        participation=ParticipationServices(
            transactions=transactions,
            outbox=outbox,
            consultations=consultations_repo,
            comments=CommentRepository(database),
            responses=SurveyResponseRepository(database),
            reports=ReportRepository(database),
            public=public_services,
            access=access,
            limits=CommentLimits(
                max_chars=settings.comment_max_chars,
                per_author=settings.comments_per_author,
                per_address=settings.comments_per_address,
            ),
            bulk_answer_max=settings.bulk_answer_max_ids,
            client_keys=ClientKeys(settings.address_key),
        ),
        public=public_services,
        index=IndexServices(
            transactions=transactions,
            outbox=outbox,
            rounds=IndexRoundRepository(database),
            directory=directory,
            access=access,
        ),
        monitoring=monitoring_services,
        annual_reports=AnnualReportServices(
            transactions=transactions,
            outbox=outbox,
            reports=ProgrammeReportRepository(database),
            monitoring=monitoring_services,
            access=access,
        ),
        search_indexes=(consultation_follower(settings, search_index, consultations_repo),),
    )


@contextlib.asynccontextmanager
async def _background(runtime: Runtime, services: ConsultationsServices) -> AsyncIterator[None]:
    interval = timedelta(seconds=_settings(runtime).closing_interval_seconds)
    closing = PeriodicJob("close-due-consultations", interval, services.consultations.close_due)
    await CommentRepository(runtime.database).backfill_lists()
    async with run_periodic_jobs(runtime.database, [closing]):
        yield


def create_app(settings: ConsultationsSettings | None = None) -> FastAPI:
    """Build the consultations app from settings (read from the environment by default)."""
    return create_service_app(
        settings or ConsultationsSettings(),
        SPEC,
        title="Consultations",
        description=(
            "Social consultations with comments, answers and public reports; the Local "
            "Cooperation Quality Index; monitoring of NGO participation and the yearly report "
            "on the cooperation programme."
        ),
        routers=[
            consultations.router,
            participation.router,
            public.router,
            index.router,
            monitoring.router,
            rebuild_router(),
        ],
        wire=_wire,
        background=with_search(_background),
    )
