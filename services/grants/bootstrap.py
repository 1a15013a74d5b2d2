"""The grants service's composition root: its whole object graph, built once per runtime."""

from __future__ import annotations

from datetime import timedelta

from services.grants.adapters.search import competition_follower, competition_index
from services.grants.domain.small_grant.comments import CommentLimits
from services.grants.handlers.registry_events import EVENT_HANDLERS
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
from services.grants.services import GrantsServices
from services.grants.services.access import Access
from services.grants.services.agreements import AgreementServices
from services.grants.services.centre import CentreServices
from services.grants.services.competitions import CompetitionServices
from services.grants.services.directory import DirectoryServices
from services.grants.services.documents import DocumentServices
from services.grants.services.offers import OfferServices
from services.grants.services.public import PublicServices
from services.grants.services.reports import ReportServices
from services.grants.services.results import ResultServices
from services.grants.services.review import CommitteeServices
from services.grants.services.small_grants import SmallGrantServices
from services.grants.settings import GrantsSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.composition import Composition
from shared.contracts.grants import TOPICS
from shared.handlers import bind
from shared.runtime import Runtime, ServiceSpec
from shared.scheduler import PeriodicJob

__all__ = ["SPEC", "bootstrap"]

# What the shared runtime prepares: the topics grants produces and the collections it writes.
SPEC = ServiceSpec(produces=TOPICS, repositories=REPOSITORIES)


def bootstrap(
    runtime: Runtime[GrantsSettings], *, clock: Clock = SYSTEM_CLOCK
) -> Composition[GrantsServices]:
    """Build every object of the grants service once, from the runtime and typed settings."""
    settings, database, transactions = runtime.settings, runtime.database, runtime.transactions
    competitions, offers = CompetitionRepository(database), OfferRepository(database)
    committees, agreements = CommitteeRepository(database), AgreementRepository(database)
    reports, small_grants = ReportRepository(database), SmallGrantRepository(database)
    applicants, tenants = ApplicantDirectory(database), TenantDirectory(database)
    published, comments = PublishedResults(database), SmallGrantCommentRepository(database)
    access = Access(competitions, applicants, tenants)
    directory = DirectoryServices(applicants, tenants)
    index = competition_index()
    offer_services = OfferServices(transactions, competitions, offers, committees, access, clock)
    report_services = ReportServices(transactions, agreements, reports, clock)
    services = GrantsServices(
        competitions=CompetitionServices(transactions, competitions, access, clock),
        offers=offer_services,
        committees=CommitteeServices(transactions, competitions, offers, committees, clock),
        results=ResultServices(transactions, competitions, offers, committees, published, clock),
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
            comments,
            CommentLimits(
                max_length=settings.small_grant_comment_max_chars,
                per_author=settings.small_grant_comments_per_author,
                per_address=settings.small_grant_comments_per_address,
            ),
        ),
        public=PublicServices(
            competitions,
            published,
            tenants,
            base_url=settings.base_url,
            index=index,
            clock=clock,
        ),
        centre=CentreServices(competitions, tenants, access),
        directory=directory,
        documents=DocumentServices(
            offer_services, report_services, offers, small_grants, applicants, tenants
        ),
    )
    return Composition(
        services=services,
        handlers=bind(EVENT_HANDLERS, directory),
        startup=(offers.backfill_lists, comments.backfill),
        jobs=_jobs(settings, services),
        search_indexes=(competition_follower(settings, index, competitions),),
    )


def _jobs(settings: GrantsSettings, services: GrantsServices) -> tuple[PeriodicJob, ...]:
    """Return the periodic jobs: one replica closes due competitions and raises report notices."""
    return (
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
    )
