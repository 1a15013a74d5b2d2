"""The consultations service's composition root: its whole object graph, built once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from pymongo.asynchronous.database import AsyncDatabase

from services.consultations.adapters.client_keys import ClientKeys
from services.consultations.adapters.search import consultation_index, searchable
from services.consultations.domain.consultation.comment import CommentLimits
from services.consultations.domain.consultation.schedule import SchedulePolicy
from services.consultations.handlers import EventDeps, event_effects
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
    Access,
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
from services.consultations.settings import ConsultationsSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.composition import Composition
from shared.contracts.consultations import CONSULTATION_TOPIC, TOPICS
from shared.directory import Directory
from shared.mongo import Document
from shared.outbox import TransactionRunner
from shared.recording import EventRecorder
from shared.runtime import Runtime, ServiceSpec
from shared.scheduler import PeriodicJob
from shared.search.projector import IndexFollower
from shared.search.records import RecordIndex, SearchRecord, record_follower

__all__ = ["SPEC", "Stores", "bootstrap", "compose"]

SPEC = ServiceSpec(produces=list(TOPICS), repositories=REPOSITORIES)


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


def bootstrap(
    runtime: Runtime[ConsultationsSettings], *, clock: Clock = SYSTEM_CLOCK
) -> Composition[ConsultationsServices]:
    """Build the service's graph over the runtime's database, transactions and settings."""
    return compose(runtime.settings, runtime.transactions, Stores.of(runtime.database), clock)


def compose(
    settings: ConsultationsSettings,
    transactions: TransactionRunner,
    stores: Stores,
    clock: Clock = SYSTEM_CLOCK,
) -> Composition[ConsultationsServices]:
    """Build every recorder and use case once, over the given stores (fakes in fast tests)."""
    directory, organizations = stores.directory, stores.organizations
    access = Access(tenants=directory, councils=stores.councils)
    monitoring_recorder = MonitoringRecorder(facts=stores.facts, deadlines=stores.deadlines)
    # Every event of the service goes to the outbox with the monitoring facts it carries.
    recorder = EventRecorder(sinks=(monitoring_recorder.own_event,))
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
        recorder=recorder,
        consultations=stores.consultations,
        councils=stores.councils,
        access=access,
        policy=SchedulePolicy(
            days_needed_after_end=settings.programme_days_after_end,
            minimum_days_open=settings.minimum_days_open,
        ),
        clock=clock,
    )
    services = ConsultationsServices(
        consultations=consultations,
        comments=CommentServices(
            transactions=transactions,
            recorder=recorder,
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
            clock=clock,
        ),
        surveys=SurveyServices(
            transactions=transactions,
            recorder=recorder,
            consultations=stores.consultations,
            comments=stores.comments,
            responses=stores.responses,
            reports=stores.reports,
            public=public,
            access=access,
            per_address=settings.comments_per_address,
            client_keys=client_keys,
            clock=clock,
        ),
        public=public,
        index=IndexServices(
            transactions=transactions,
            recorder=recorder,
            rounds=stores.rounds,
            directory=directory,
            access=access,
            clock=clock,
        ),
        monitoring=monitoring,
        annual_reports=AnnualReportServices(
            transactions=transactions,
            recorder=recorder,
            reports=stores.programme_reports,
            monitoring=monitoring,
            access=access,
            clock=clock,
        ),
    )
    closing = PeriodicJob(
        "close-due-consultations",
        timedelta(seconds=settings.closing_interval_seconds),
        consultations.close_due,
    )
    handled = EventDeps(Directory(directory, organizations), monitoring_recorder)
    return Composition(
        services=services,
        handlers=event_effects(handled),
        startup=(stores.comments.backfill_lists,),
        jobs=(closing,),
        search_indexes=(_follower(settings, search_index, stores.consultations),),
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
