"""Every MongoDB query of the grants service."""

from services.grants.repository.agreements import AgreementRepository, ReportRepository
from services.grants.repository.competitions import (
    CommitteeRepository,
    CompetitionRepository,
    OfferRepository,
)
from services.grants.repository.directory import ApplicantDirectory, TenantDirectory
from services.grants.repository.offer_lists import OfferListEntries
from services.grants.repository.small_grant_comments import SmallGrantCommentRepository
from services.grants.repository.small_grants import (
    PublishedResults,
    SmallGrantPolicies,
    SmallGrantRepository,
)

__all__ = [
    "REPOSITORIES",
    "AgreementRepository",
    "ApplicantDirectory",
    "CommitteeRepository",
    "CompetitionRepository",
    "OfferRepository",
    "PublishedResults",
    "ReportRepository",
    "SmallGrantCommentRepository",
    "SmallGrantPolicies",
    "SmallGrantRepository",
    "TenantDirectory",
]

# Every collection written in transactions: start-up creates them (NX-27017 needs that).
REPOSITORIES = (
    CompetitionRepository,
    OfferRepository,
    OfferListEntries,
    CommitteeRepository,
    AgreementRepository,
    ReportRepository,
    SmallGrantRepository,
    SmallGrantCommentRepository,
    SmallGrantPolicies,
    PublishedResults,
    ApplicantDirectory,
    TenantDirectory,
)
