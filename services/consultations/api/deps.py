"""Dependencies of the consultations API: the use cases each route reaches."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.consultations.services import (
    AnnualReportServices,
    CommentServices,
    ConsultationServices,
    IndexServices,
    MonitoringServices,
    PublicServices,
    SurveyServices,
)
from shared.http.deps import Language, use_case

__all__ = [
    "AnnualReports",
    "Comments",
    "Consultations",
    "Index",
    "Language",
    "Monitoring",
    "Public",
    "Surveys",
]

Consultations = Annotated[ConsultationServices, Depends(use_case("consultations"))]
Comments = Annotated[CommentServices, Depends(use_case("comments"))]
Surveys = Annotated[SurveyServices, Depends(use_case("surveys"))]
Public = Annotated[PublicServices, Depends(use_case("public"))]
Index = Annotated[IndexServices, Depends(use_case("index"))]
Monitoring = Annotated[MonitoringServices, Depends(use_case("monitoring"))]
AnnualReports = Annotated[AnnualReportServices, Depends(use_case("annual_reports"))]
