"""Use cases of the consultations service."""

from services.consultations.services.access import AccessPolicy
from services.consultations.services.annual_reports import AnnualReportServices
from services.consultations.services.consultations import ConsultationServices, Drafted
from services.consultations.services.index import IndexServices
from services.consultations.services.monitoring import MonitoringRecorder, MonitoringServices
from services.consultations.services.participation import CommentDraft, ParticipationServices
from services.consultations.services.public import PublicServices

__all__ = [
    "AccessPolicy",
    "AnnualReportServices",
    "CommentDraft",
    "ConsultationServices",
    "Drafted",
    "IndexServices",
    "MonitoringRecorder",
    "MonitoringServices",
    "ParticipationServices",
    "PublicServices",
]
