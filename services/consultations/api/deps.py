"""Dependencies of the consultations API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, cast

from fastapi import Depends, Request

from services.consultations.services import (
    AnnualReportServices,
    ConsultationServices,
    IndexServices,
    MonitoringServices,
    ParticipationServices,
    PublicServices,
)
from shared.http.problems import request_language
from shared.search.projector import IndexFollower

__all__ = [
    "AnnualReports",
    "Consultations",
    "ConsultationsServices",
    "Index",
    "Language",
    "Monitoring",
    "Participation",
    "Public",
]


@dataclass(frozen=True)
class ConsultationsServices:
    """Every use case of the service, built once at start-up."""

    consultations: ConsultationServices
    participation: ParticipationServices
    public: PublicServices
    index: IndexServices
    monitoring: MonitoringServices
    annual_reports: AnnualReportServices
    search_indexes: tuple[IndexFollower[Any], ...] = ()


def _services(request: Request) -> ConsultationsServices:
    return cast(ConsultationsServices, request.app.state.services)


def _consultations(request: Request) -> ConsultationServices:
    return _services(request).consultations


def _participation(request: Request) -> ParticipationServices:
    return _services(request).participation


def _public(request: Request) -> PublicServices:
    return _services(request).public


def _index(request: Request) -> IndexServices:
    return _services(request).index


def _monitoring(request: Request) -> MonitoringServices:
    return _services(request).monitoring


def _annual_reports(request: Request) -> AnnualReportServices:
    return _services(request).annual_reports


Consultations = Annotated[ConsultationServices, Depends(_consultations)]
Participation = Annotated[ParticipationServices, Depends(_participation)]
Public = Annotated[PublicServices, Depends(_public)]
Index = Annotated[IndexServices, Depends(_index)]
Monitoring = Annotated[MonitoringServices, Depends(_monitoring)]
AnnualReports = Annotated[AnnualReportServices, Depends(_annual_reports)]
Language = Annotated[str, Depends(request_language)]
