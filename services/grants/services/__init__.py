"""Use cases of the grants service."""

from __future__ import annotations

from dataclasses import dataclass

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

__all__ = ["GrantsServices"]


@dataclass(frozen=True)
class GrantsServices:
    """Every use case of the grants service."""

    competitions: CompetitionServices
    offers: OfferServices
    committees: CommitteeServices
    results: ResultServices
    agreements: AgreementServices
    reports: ReportServices
    small_grants: SmallGrantServices
    public: PublicServices
    centre: CentreServices
    directory: DirectoryServices
    documents: DocumentServices
