"""Idempotent accumulation of monitoring facts per municipality, year and organization."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from services.consultations.domain.common.polish_time import local_day
from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.monitoring.inputs import (
    AnsweredComment,
    GrantedOffer,
    MonitoringInput,
    OpenedConsultation,
    RegisteredOrganization,
    SubmittedComment,
    SubmittedOffer,
    SubmittedReport,
    SubmittedSurveyResponse,
)

__all__ = ["ActivityFacts", "FactsKey", "ParticipationLedger", "facts_key"]

_V = TypeVar("_V")


@dataclass(frozen=True)
class FactsKey:
    """Whose facts: an organization in a municipality in a year (None: residents, the office)."""

    tenant_id: str
    year: int
    organization_id: str | None


@dataclass
class ActivityFacts:
    """The ids behind every figure; counting ids, not events, makes replays harmless."""

    key: FactsKey
    applied_events: set[str] = field(default_factory=set)
    registered_name: str | None = None
    consultations_opened: set[str] = field(default_factory=set)
    consultations: set[str] = field(default_factory=set)
    comments: set[str] = field(default_factory=set)
    verdicts: dict[str, tuple[datetime, Verdict]] = field(default_factory=dict)
    survey_responses: set[str] = field(default_factory=set)
    offers: set[str] = field(default_factory=set)
    grants: dict[str, tuple[datetime, Decimal]] = field(default_factory=dict)
    reports: dict[str, tuple[datetime, bool]] = field(default_factory=dict)

    def apply(self, fact: MonitoringInput) -> bool:
        """Take in one fact of this key; return False when its event was already applied."""
        if facts_key(fact) != self.key:
            raise ValueError("the fact belongs to other facts")
        if fact.event_id in self.applied_events:
            return False
        self.applied_events.add(fact.event_id)
        self._take(fact)
        return True

    def _take(self, fact: MonitoringInput) -> None:
        match fact:
            case RegisteredOrganization():
                self.registered_name = fact.name
            case OpenedConsultation():
                self.consultations_opened.add(fact.consultation_id)
            case SubmittedComment():
                self.consultations.add(fact.consultation_id)
                self.comments.add(fact.comment_id)
            case AnsweredComment():
                # Also counts the comment itself, should its answer arrive first.
                self.consultations.add(fact.consultation_id)
                self.comments.add(fact.comment_id)
                _keep_latest(self.verdicts, fact.comment_id, fact.occurred_at, fact.verdict)
            case SubmittedSurveyResponse():
                self.consultations.add(fact.consultation_id)
                self.survey_responses.add(fact.response_id)
            case SubmittedOffer():
                self.offers.add(fact.offer_id)
            case GrantedOffer():
                _keep_latest(self.grants, fact.offer_id, fact.occurred_at, fact.amount)
            case SubmittedReport():
                # A corrected report does not make a late first submission timely.
                earlier = self.reports.get(fact.report_id)
                if earlier is None or fact.occurred_at < earlier[0]:
                    self.reports[fact.report_id] = (fact.occurred_at, fact.on_time)


def _keep_latest(values: dict[str, tuple[datetime, _V]], key: str, at: datetime, value: _V) -> None:
    current = values.get(key)
    if current is None or at >= current[0]:
        values[key] = (at, value)


def facts_key(fact: MonitoringInput) -> FactsKey:
    """Return the key whose facts `fact` belongs to."""
    moment = fact.comment_submitted_at if isinstance(fact, AnsweredComment) else fact.occurred_at
    organization = None if isinstance(fact, OpenedConsultation) else fact.organization_id
    return FactsKey(fact.tenant_id, local_day(moment).year, organization)


class ParticipationLedger:
    """All facts in memory: for tests, replays and computing figures from stored facts."""

    def __init__(self, facts: Iterable[ActivityFacts] = ()) -> None:
        self._facts = {f.key: f for f in facts}

    def apply(self, fact: MonitoringInput) -> bool:
        """Take in one fact; return False when its event was already applied."""
        key = facts_key(fact)
        facts = self._facts.setdefault(key, ActivityFacts(key))
        return facts.apply(fact)

    def facts(self, tenant_id: str, year: int) -> list[ActivityFacts]:
        """Return the facts of one municipality in one year."""
        return [f for k, f in self._facts.items() if (k.tenant_id, k.year) == (tenant_id, year)]

    def names(self, tenant_id: str) -> dict[str, str]:
        """Return the registered names of a municipality's organizations."""
        return {
            k.organization_id: f.registered_name
            for k, f in self._facts.items()
            if k.tenant_id == tenant_id and k.organization_id and f.registered_name
        }
