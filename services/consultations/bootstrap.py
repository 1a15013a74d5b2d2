"""The consultations service's composition root: its whole object graph, built once."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from pymongo.asynchronous.database import AsyncDatabase

from services.consultations.adapters.client_keys import ClientKeys
from services.consultations.adapters.search import consultation_index, searchable
from services.consultations.domain.consultation.comment import CommentLimits
from services.consultations.domain.consultation.schedule import SchedulePolicy
from services.consultations.handlers import monitoring_effects
from services.consultations.repository import (
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
    CommentServices,
    ConsultationServices,
    ConsultationsServices,
    IndexServices,
    MonitoringRecorder,
    MonitoringServices,
    PublicServices,
    SurveyServices,
)
from services.consultations.services.common import Outbox
from services.consultations.settings import ConsultationsSettings
from shared.contracts.consultations import CONSULTATION_TOPIC
from shared.mongo import Document
from shared.outbox import TransactionRunner
from shared.runtime import Effects, Runtime
from shared.scheduler import PeriodicJob, run_periodic_jobs
from shared.search.projector import IndexFollower
from shared.search.records import RecordIndex, SearchRecord, record_follower

__all__ = ["Composed", "Composition", "Stores", "bootstrap", "compose"]


@dataclass(frozen=True)
class Composition:
    """The service's object graph: use cases, consumer effects, start-up steps and jobs."""

    services: ConsultationsServices
    handlers: Effects
    startup: Sequence[Callable[[], Awaitable[object]]]
    jobs: Sequence[PeriodicJob]


@dataclass(frozen=True)
class Stores:
    """Every repository of the service, one instance each, shared by the use cases."""

    consultations: ConsultationRepository
    comments: CommentRepository
    responses: SurveyResponseRepository
    reports: ReportRepository
    councils: CouncilRepository
    rounds: IndexRoundRepository
    facts: ActivityFactsRepository
    deadlines: ReportDeadlineRepository
    programme_reports: ProgrammeReportRepository
    directory: TenantDirectory
    organizations: OrganizationNames

    @classmethod
    def of(cls, database: AsyncDatabase[Document]) -> Stores:
        """Return the repositories over the service's database."""
        return cls(
            consultations=ConsultationRepository(database),
            comments=CommentRepository(database),
            responses=SurveyResponseRepository(database),
            reports=ReportRepository(database),
            councils=CouncilRepository(database),
            rounds=IndexRoundRepository(database),
            facts=ActivityFactsRepository(database),
            deadlines=ReportDeadlineRepository(database),
            programme_reports=ProgrammeReportRepository(database),
            directory=TenantDirectory(database),
            organizations=OrganizationNames(database),
        )


def bootstrap(runtime: Runtime) -> Composition:
    """Build the service's graph over the runtime's database, transactions and settings."""
    # The runtime is not generic yet: the app always starts it with these settings.
    settings = cast(ConsultationsSettings, runtime.settings)
    return compose(settings, runtime.transactions, Stores.of(runtime.database))


def compose(
    settings: ConsultationsSettings, transactions: TransactionRunner, stores: Stores
) -> Composition:
    """Build every recorder and use case once, over the given stores (fakes in fast tests)."""
    directory, organizations = stores.directory, stores.organizations
    access = AccessPolicy(directory=directory, councils=stores.councils)
    recorder = MonitoringRecorder(
        facts=stores.facts,
        deadlines=stores.deadlines,
        organizations=organizations,
        directory=directory,
    )
    outbox = Outbox(recorder)
    monitoring = MonitoringServices(
        facts=stores.facts, organizations=organizations, directory=directory, access=access
    )
    search_index = consultation_index()
    client_keys = ClientKeys(settings.address_key)
    public = PublicServices(
        consultations=stores.consultations,
        reports=stores.reports,
        organizations=organizations,
        tenants=directory,
        rounds=stores.rounds,
        index=search_index,
    )
    consultations = ConsultationServices(
        transactions=transactions,
        outbox=outbox,
        consultations=stores.consultations,
        councils=stores.councils,
        access=access,
        policy=SchedulePolicy(
            days_needed_after_end=settings.programme_days_after_end,
            minimum_days_open=settings.minimum_days_open,
        ),
    )
    services = ConsultationsServices(
        consultations=consultations,
        comments=CommentServices(
            transactions=transactions,
            outbox=outbox,
            consultations=stores.consultations,
            comments=stores.comments,
            access=access,
            limits=CommentLimits(
                max_chars=settings.comment_max_chars,
                per_author=settings.comments_per_author,
                per_address=settings.comments_per_address,
            ),
            bulk_answer_max=settings.bulk_answer_max_ids,
            client_keys=client_keys,
        ),
        surveys=SurveyServices(
            transactions=transactions,
            outbox=outbox,
            consultations=stores.consultations,
            comments=stores.comments,
            responses=stores.responses,
            reports=stores.reports,
            public=public,
            access=access,
            per_address=settings.comments_per_address,
            client_keys=client_keys,
        ),
        public=public,
        index=IndexServices(
            transactions=transactions,
            outbox=outbox,
            rounds=stores.rounds,
            directory=directory,
            access=access,
        ),
        monitoring=monitoring,
        annual_reports=AnnualReportServices(
            transactions=transactions,
            outbox=outbox,
            reports=stores.programme_reports,
            monitoring=monitoring,
            access=access,
        ),
        search_indexes=(_follower(settings, search_index, stores.consultations),),
    )
    closing = PeriodicJob(
        "close-due-consultations",
        timedelta(seconds=settings.closing_interval_seconds),
        consultations.close_due,
    )
    return Composition(
        services=services,
        handlers=monitoring_effects(recorder),
        startup=(stores.comments.backfill_lists,),
        jobs=(closing,),
    )


def _follower(
    settings: ConsultationsSettings, index: RecordIndex, consultations: ConsultationRepository
) -> IndexFollower[SearchRecord]:
    """Return the follower that keeps this replica's index of opened consultations."""
    return record_follower(
        settings,
        topic=CONSULTATION_TOPIC,
        name="consultations",
        index=index,
        every=consultations.every_public,
        read=consultations.get_announced,
        searchable=searchable,
    )


class Composed:
    """One app's composition, built on first use for each runtime the app starts.

    The runtime asks for the consumer effects before the app asks for its use cases; both
    come from the same graph, so the recorder they share is built once.
    """

    def __init__(self) -> None:
        self._built: tuple[Runtime, Composition] | None = None

    def __call__(self, runtime: Runtime) -> Composition:
        """Return the composition of `runtime`, building it the first time."""
        if self._built is None or self._built[0] is not runtime:
            self._built = (runtime, bootstrap(runtime))
        return self._built[1]

    def effects(self, runtime: Runtime) -> Effects:
        """Return what the service's consumer does with each event type."""
        return self(runtime).handlers

    def services(self, runtime: Runtime) -> ConsultationsServices:
        """Return the use cases the routes reach."""
        return self(runtime).services

    @contextlib.asynccontextmanager
    async def background(
        self, runtime: Runtime, services: ConsultationsServices
    ) -> AsyncIterator[None]:
        """Run the start-up steps in order, then the periodic jobs while the app serves."""
        composition = self(runtime)
        for step in composition.startup:
            await step()
        async with run_periodic_jobs(runtime.database, list(composition.jobs)):
            yield
