"""What every grants event module shares: the topics, money as text and nested parts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = [
    "AGREEMENT_TOPIC",
    "COMMITTEE_TOPIC",
    "COMPETITION_TOPIC",
    "OFFER_TOPIC",
    "PLN",
    "REPORT_TOPIC",
    "SMALL_GRANT_POLICY_TOPIC",
    "SMALL_GRANT_TOPIC",
    "TOPICS",
    "Part",
]

COMPETITION_TOPIC = "grants.competition.v1"
OFFER_TOPIC = "grants.offer.v1"
COMMITTEE_TOPIC = "grants.committee.v1"
AGREEMENT_TOPIC = "grants.agreement.v1"
REPORT_TOPIC = "grants.report.v1"
SMALL_GRANT_TOPIC = "grants.small_grant.v1"
SMALL_GRANT_POLICY_TOPIC = "grants.small_grant_policy.v1"
TOPICS = (
    COMPETITION_TOPIC,
    OFFER_TOPIC,
    COMMITTEE_TOPIC,
    AGREEMENT_TOPIC,
    REPORT_TOPIC,
    SMALL_GRANT_TOPIC,
    SMALL_GRANT_POLICY_TOPIC,
)

PLN = "in PLN, a decimal string with two places"


class Part(BaseModel):
    """A nested part of an event's data."""

    model_config = ConfigDict(frozen=True, extra="ignore")
