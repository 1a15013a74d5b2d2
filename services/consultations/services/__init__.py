"""Use cases of the consultations service."""

from dataclasses import dataclass

from services.consultations.services.access import Access
from services.consultations.services.annual_reports import AnnualReportServices
from services.consultations.services.comments import CommentDraft, CommentServices
from services.consultations.services.consultations import ConsultationServices, Drafted
from services.consultations.services.index import IndexServices
from services.consultations.services.monitoring import MonitoringRecorder, MonitoringServices
from services.consultations.services.public import PublicServices
from services.consultations.services.surveys import SurveyServices

__all__ = [
    "Access",
    "AnnualReportServices",
    "CommentDraft",
    "CommentServices",
    "ConsultationServices",
    "ConsultationsServices",
    "Drafted",
    "IndexServices",
    "MonitoringRecorder",
    "MonitoringServices",
    "PublicServices",
    "SurveyServices",
]


@dataclass(frozen=True)
class ConsultationsServices:
    """Every use case of the service, built once at start-up."""

    consultations: ConsultationServices
    comments: CommentServices
    surveys: SurveyServices
    public: PublicServices
    index: IndexServices
    monitoring: MonitoringServices
    annual_reports: AnnualReportServices
