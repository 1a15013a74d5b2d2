"""Events published by the grants service; amounts are PLN decimal strings with two places.

One module per aggregate; imported here in the order their events were first catalogued, which
the AsyncAPI document follows.
"""

from shared.contracts.grants._common import (
    AGREEMENT_TOPIC,
    COMMITTEE_TOPIC,
    COMPETITION_TOPIC,
    OFFER_TOPIC,
    REPORT_TOPIC,
    SMALL_GRANT_POLICY_TOPIC,
    SMALL_GRANT_TOPIC,
    TOPICS,
)
from shared.contracts.grants.agreement import (
    AgreementBudgetUpdated,
    AgreementPrepared,
    AgreementReportDue,
    AgreementReportOverdue,
    AgreementSettled,
    AgreementSigned,
)
from shared.contracts.grants.committee import (
    CommitteeAppointed,
    CommitteeImpartialityDeclared,
    CommitteeMemberData,
    CommitteeOfferScored,
)
from shared.contracts.grants.competition import (
    CompetitionAnnounced,
    CompetitionArchived,
    CompetitionCancelled,
    CompetitionClosed,
    CompetitionDrafted,
    CompetitionGrantDecided,
    CompetitionResult,
    CompetitionResultsPublished,
    CompetitionReviewStarted,
    CompetitionRevised,
)
from shared.contracts.grants.offer import (
    OfferDrafted,
    OfferFormallyReviewed,
    OfferRevised,
    OfferSubmitted,
    OfferWithdrawn,
)
from shared.contracts.grants.report import (
    ReportAccepted,
    ReportDrafted,
    ReportReturned,
    ReportRevised,
    ReportSubmitted,
)
from shared.contracts.grants.small_grant import (
    SmallGrantCommented,
    SmallGrantConcluded,
    SmallGrantDeclined,
    SmallGrantPolicySet,
    SmallGrantPublished,
    SmallGrantReceived,
)

__all__ = [
    "AGREEMENT_TOPIC",
    "COMMITTEE_TOPIC",
    "COMPETITION_TOPIC",
    "OFFER_TOPIC",
    "REPORT_TOPIC",
    "SMALL_GRANT_POLICY_TOPIC",
    "SMALL_GRANT_TOPIC",
    "TOPICS",
    "AgreementBudgetUpdated",
    "AgreementPrepared",
    "AgreementReportDue",
    "AgreementReportOverdue",
    "AgreementSettled",
    "AgreementSigned",
    "CommitteeAppointed",
    "CommitteeImpartialityDeclared",
    "CommitteeMemberData",
    "CommitteeOfferScored",
    "CompetitionAnnounced",
    "CompetitionArchived",
    "CompetitionCancelled",
    "CompetitionClosed",
    "CompetitionDrafted",
    "CompetitionGrantDecided",
    "CompetitionResult",
    "CompetitionResultsPublished",
    "CompetitionReviewStarted",
    "CompetitionRevised",
    "OfferDrafted",
    "OfferFormallyReviewed",
    "OfferRevised",
    "OfferSubmitted",
    "OfferWithdrawn",
    "ReportAccepted",
    "ReportDrafted",
    "ReportReturned",
    "ReportRevised",
    "ReportSubmitted",
    "SmallGrantCommented",
    "SmallGrantConcluded",
    "SmallGrantDeclined",
    "SmallGrantPolicySet",
    "SmallGrantPublished",
    "SmallGrantReceived",
]
