"""A year of one municipality's events, as monitoring inputs, for the monitoring tests."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

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

TENANT = "0601011"


def at(month: int, day: int = 1) -> datetime:
    return datetime(2025, month, day, 10, 0, tzinfo=UTC)


def year_2025() -> list[MonitoringInput]:
    """Two organizations and a resident in 2025: consultations, offers and reports."""
    return [
        RegisteredOrganization("e1", TENANT, "org-1", "Stowarzyszenie Seniorów", at(1)),
        RegisteredOrganization("e2", TENANT, "org-2", "Fundacja Sportowa", at(2)),
        OpenedConsultation("e3", TENANT, "cons-1", at(3)),
        OpenedConsultation("e4", TENANT, "cons-2", at(9)),
        SubmittedComment("e5", TENANT, "cons-1", "c-1", "org-1", at(3, 5)),
        SubmittedComment("e6", TENANT, "cons-1", "c-2", "org-1", at(3, 6)),
        SubmittedComment("e7", TENANT, "cons-1", "c-3", None, at(3, 7)),
        SubmittedSurveyResponse("e8", TENANT, "cons-2", "s-1", "org-2", at(9, 3)),
        AnsweredComment("e9", TENANT, "cons-1", "c-1", "org-1", Verdict.ACCEPTED, at(3, 5), at(4)),
        AnsweredComment("e10", TENANT, "cons-1", "c-2", "org-1", Verdict.PARTLY_ACCEPTED,
                        at(3, 6), at(4)),
        AnsweredComment("e11", TENANT, "cons-1", "c-3", None, Verdict.ACCEPTED, at(3, 7), at(4)),
        SubmittedOffer("e12", TENANT, "org-1", "of-1", at(1, 20)),
        SubmittedOffer("e13", TENANT, "org-2", "of-2", at(1, 21)),
        SubmittedOffer("e14", TENANT, "org-2", "of-3", at(1, 22)),
        GrantedOffer("e15", TENANT, "org-1", "of-1", Decimal("12000.00"), at(2, 15)),
        GrantedOffer("e16", TENANT, "org-2", "of-2", Decimal("8500.50"), at(2, 15)),
        SubmittedReport("e17", TENANT, "org-1", "r-1", True, at(12, 10)),
        SubmittedReport("e18", TENANT, "org-2", "r-2", False, at(12, 20)),
    ]  # fmt: skip
