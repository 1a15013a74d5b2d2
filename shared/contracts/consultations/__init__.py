"""Events published by the consultations service (public data only: no resident identities).

One module per aggregate; imported here in the order their events were first catalogued, which
the AsyncAPI document follows.
"""

from shared.contracts.consultations._common import (
    ANNUAL_REPORT_TOPIC,
    COMMENT_TOPIC,
    CONSULTATION_TOPIC,
    COUNCIL_TOPIC,
    INDEX_ROUND_TOPIC,
    REPORT_TOPIC,
    SURVEY_RESPONSE_TOPIC,
    TOPICS,
)
from shared.contracts.consultations.annual_report import (
    AnnualReportAssembled,
    AnnualReportSectionWritten,
)
from shared.contracts.consultations.consultation import (
    ConsultationClosed,
    ConsultationDrafted,
    ConsultationOpened,
    ConsultationRevised,
)
from shared.contracts.consultations.council import (
    CouncilMembershipChanged,
)
from shared.contracts.consultations.index_round import (
    IndexConclusionsRecorded,
    IndexRoundPublished,
    IndexRoundStarted,
    IndexScorecardSubmitted,
)
from shared.contracts.consultations.participation import (
    CommentAnswered,
    CommentSubmitted,
    SurveyResponseSubmitted,
)
from shared.contracts.consultations.report import (
    ConsultationReportPublished,
)

__all__ = [
    "ANNUAL_REPORT_TOPIC",
    "COMMENT_TOPIC",
    "CONSULTATION_TOPIC",
    "COUNCIL_TOPIC",
    "INDEX_ROUND_TOPIC",
    "REPORT_TOPIC",
    "SURVEY_RESPONSE_TOPIC",
    "TOPICS",
    "AnnualReportAssembled",
    "AnnualReportSectionWritten",
    "CommentAnswered",
    "CommentSubmitted",
    "ConsultationClosed",
    "ConsultationDrafted",
    "ConsultationOpened",
    "ConsultationReportPublished",
    "ConsultationRevised",
    "CouncilMembershipChanged",
    "IndexConclusionsRecorded",
    "IndexRoundPublished",
    "IndexRoundStarted",
    "IndexScorecardSubmitted",
    "SurveyResponseSubmitted",
]
