"""Dependencies of the consultations API."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from services.consultations.services import (
    AnnualReportServices,
    CommentServices,
    ConsultationServices,
    ConsultationsServices,
    IndexServices,
    MonitoringServices,
    PublicServices,
    SurveyServices,
)
from shared.http.problems import request_language

__all__ = [
    "AnnualReports",
    "Comments",
    "Consultations",
    "ConsultationsServices",
    "Index",
    "Language",
    "Monitoring",
    "Public",
    "Surveys",
]


def _services(request: Request) -> ConsultationsServices:
    return cast(ConsultationsServices, request.app.state.services)


def _consultations(request: Request) -> ConsultationServices:
    return _services(request).consultations


def _comments(request: Request) -> CommentServices:
    return _services(request).comments


def _surveys(request: Request) -> SurveyServices:
    return _services(request).surveys


def _public(request: Request) -> PublicServices:
    return _services(request).public


def _index(request: Request) -> IndexServices:
    return _services(request).index


def _monitoring(request: Request) -> MonitoringServices:
    return _services(request).monitoring


def _annual_reports(request: Request) -> AnnualReportServices:
    return _services(request).annual_reports


Consultations = Annotated[ConsultationServices, Depends(_consultations)]
Comments = Annotated[CommentServices, Depends(_comments)]
Surveys = Annotated[SurveyServices, Depends(_surveys)]
Public = Annotated[PublicServices, Depends(_public)]
Index = Annotated[IndexServices, Depends(_index)]
Monitoring = Annotated[MonitoringServices, Depends(_monitoring)]
AnnualReports = Annotated[AnnualReportServices, Depends(_annual_reports)]
Language = Annotated[str, Depends(request_language)]
