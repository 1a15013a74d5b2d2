"""What every consultations event module shares: topics and the words of enumerations."""

from __future__ import annotations

__all__ = [
    "ANNUAL_REPORT_TOPIC",
    "AREAS",
    "COMMENT_TOPIC",
    "CONSULTATION_TOPIC",
    "COUNCIL_TOPIC",
    "INDEX_ROUND_TOPIC",
    "KINDS",
    "PARTICIPANTS",
    "REPORT_TOPIC",
    "SURVEY_RESPONSE_TOPIC",
    "TOPICS",
]

CONSULTATION_TOPIC = "consultations.consultation.v1"
COMMENT_TOPIC = "consultations.comment.v1"
SURVEY_RESPONSE_TOPIC = "consultations.survey_response.v1"
REPORT_TOPIC = "consultations.report.v1"
INDEX_ROUND_TOPIC = "consultations.index_round.v1"
ANNUAL_REPORT_TOPIC = "consultations.annual_report.v1"
COUNCIL_TOPIC = "consultations.council.v1"
TOPICS = (
    CONSULTATION_TOPIC,
    COMMENT_TOPIC,
    SURVEY_RESPONSE_TOPIC,
    REPORT_TOPIC,
    INDEX_ROUND_TOPIC,
    ANNUAL_REPORT_TOPIC,
    COUNCIL_TOPIC,
)

KINDS = (
    "annual_cooperation_programme, multi_annual_cooperation_programme, municipal_strategy, "
    "social_problems_strategy, local_law or other"
)
PARTICIPANTS = "organization, resident or public_benefit_council"
AREAS = (
    "social_consultations, mutual_information, financial_cooperation, "
    "non_financial_cooperation, initiative_support, sector_integration"
)
