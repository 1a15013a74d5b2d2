"""Dependencies of the grants API: the use cases, built once at start-up."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from services.grants.services import GrantsServices
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
from shared.http.problems import request_language

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


def _services(request: Request) -> GrantsServices:
    return cast(GrantsServices, request.app.state.services)


def _competitions(request: Request) -> CompetitionServices:
    return _services(request).competitions


def _offers(request: Request) -> OfferServices:
    return _services(request).offers


def _committees(request: Request) -> CommitteeServices:
    return _services(request).committees


def _results(request: Request) -> ResultServices:
    return _services(request).results


def _agreements(request: Request) -> AgreementServices:
    return _services(request).agreements


def _reports(request: Request) -> ReportServices:
    return _services(request).reports


def _small_grants(request: Request) -> SmallGrantServices:
    return _services(request).small_grants


def _public(request: Request) -> PublicServices:
    return _services(request).public


def _centre(request: Request) -> CentreServices:
    return _services(request).centre


def _directory(request: Request) -> DirectoryServices:
    return _services(request).directory


def _documents(request: Request) -> DocumentServices:
    return _services(request).documents


Competitions = Annotated[CompetitionServices, Depends(_competitions)]
Offers = Annotated[OfferServices, Depends(_offers)]
Committees = Annotated[CommitteeServices, Depends(_committees)]
Results = Annotated[ResultServices, Depends(_results)]
Agreements = Annotated[AgreementServices, Depends(_agreements)]
Reports = Annotated[ReportServices, Depends(_reports)]
SmallGrants = Annotated[SmallGrantServices, Depends(_small_grants)]
Public = Annotated[PublicServices, Depends(_public)]
Centre = Annotated[CentreServices, Depends(_centre)]
Directory = Annotated[DirectoryServices, Depends(_directory)]
Documents = Annotated[DocumentServices, Depends(_documents)]
Language = Annotated[str, Depends(request_language)]
