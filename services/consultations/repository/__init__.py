"""Every MongoDB query of the consultations service."""

from services.consultations.repository.consultations import (
    CommentRepository,
    ConsultationRepository,
    ReportRepository,
    SurveyResponseRepository,
)
from services.consultations.repository.councils import CouncilRepository
from services.consultations.repository.directory import (
    OrganizationNames,
    TenantDirectory,
    TenantRecord,
)
from services.consultations.repository.index_rounds import IndexRoundRepository
from services.consultations.repository.monitoring import (
    ActivityFactsRepository,
    ProgrammeReportRepository,
    ReportDeadlineRepository,
)

__all__ = [
    "REPOSITORIES",
    "ActivityFactsRepository",
    "CommentRepository",
    "ConsultationRepository",
    "CouncilRepository",
    "IndexRoundRepository",
    "OrganizationNames",
    "ProgrammeReportRepository",
    "ReportDeadlineRepository",
    "ReportRepository",
    "SurveyResponseRepository",
    "TenantDirectory",
    "TenantRecord",
]

REPOSITORIES = [
    ConsultationRepository,
    CommentRepository,
    SurveyResponseRepository,
    ReportRepository,
    CouncilRepository,
    IndexRoundRepository,
    ActivityFactsRepository,
    ReportDeadlineRepository,
    ProgrammeReportRepository,
    TenantDirectory,
    OrganizationNames,
]
