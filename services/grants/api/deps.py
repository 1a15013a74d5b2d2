"""Dependencies of the grants API: the use cases, built once at start-up."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

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
from shared.http.deps import Language, use_case

__all__ = [
    "Agreements",
    "Centre",
    "Committees",
    "Competitions",
    "Directory",
    "Documents",
    "Language",
    "Offers",
    "Public",
    "Reports",
    "Results",
    "SmallGrants",
]

Competitions = Annotated[CompetitionServices, Depends(use_case("competitions"))]
Offers = Annotated[OfferServices, Depends(use_case("offers"))]
Committees = Annotated[CommitteeServices, Depends(use_case("committees"))]
Results = Annotated[ResultServices, Depends(use_case("results"))]
Agreements = Annotated[AgreementServices, Depends(use_case("agreements"))]
Reports = Annotated[ReportServices, Depends(use_case("reports"))]
SmallGrants = Annotated[SmallGrantServices, Depends(use_case("small_grants"))]
Public = Annotated[PublicServices, Depends(use_case("public"))]
Centre = Annotated[CentreServices, Depends(use_case("centre"))]
Directory = Annotated[DirectoryServices, Depends(use_case("directory"))]
Documents = Annotated[DocumentServices, Depends(use_case("documents"))]
