"""Every MongoDB query of the consultations service."""

from services.consultations.repository.comment_lists import CommentListEntries
from services.consultations.repository.comments import CommentRepository
from services.consultations.repository.consultations import ConsultationRepository
from services.consultations.repository.councils import CouncilRepository
from services.consultations.repository.directory import (
    OrganizationNames,
    TenantDirectory,
)
from services.consultations.repository.index_rounds import IndexRoundRepository
from services.consultations.repository.monitoring import (
    ActivityFactsRepository,
    ProgrammeReportRepository,
    ReportDeadlineRepository,
)
from services.consultations.repository.reports import ReportEntryRepository, ReportRepository
from services.consultations.repository.survey_responses import SurveyResponseRepository

__all__ = [
    "REPOSITORIES",
    "ActivityFactsRepository",
    "CommentListEntries",
    "CommentRepository",
    "ConsultationRepository",
    "CouncilRepository",
    "IndexRoundRepository",
    "OrganizationNames",
    "ProgrammeReportRepository",
    "ReportDeadlineRepository",
    "ReportEntryRepository",
    "ReportRepository",
    "SurveyResponseRepository",
    "TenantDirectory",
]

REPOSITORIES = [
    ConsultationRepository,
    CommentRepository,
    CommentListEntries,
    SurveyResponseRepository,
    ReportRepository,
    ReportEntryRepository,
    CouncilRepository,
    IndexRoundRepository,
    ActivityFactsRepository,
    ReportDeadlineRepository,
    ProgrammeReportRepository,
    TenantDirectory,
    OrganizationNames,
]
