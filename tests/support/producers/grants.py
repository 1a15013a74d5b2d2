"""Valid events of grants; override only what a test is about."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from shared.context import new_id
from shared.contracts import grants
from tests.support.producers._common import now, numbers

__all__ = ["agreement_signed", "competition_announced", "offer_submitted", "report_submitted"]


def competition_announced(**overrides: Any) -> grants.CompetitionAnnounced:
    """Return an announcement of an open competition in sport, open for a month."""
    moment = now()
    values: dict[str, Any] = {
        "competition_id": new_id(),
        "title": f"Sport dla wszystkich {next(numbers)}",
        "public_task": "Organizacja zajęć sportowych dla dzieci",
        "area": "physical_culture_sport",
        "total_funds": Decimal("150000.00"),
        "min_grant": Decimal("5000.00"),
        "max_grant": Decimal("30000.00"),
        "offer_deadline": moment + timedelta(days=30),
        "task_start": date.today() + timedelta(days=60),
        "task_end": date.today() + timedelta(days=200),
        "decision_date": date.today() + timedelta(days=45),
        "announced_at": moment,
        **overrides,
    }
    return grants.CompetitionAnnounced(**values)


def agreement_signed(**overrides: Any) -> grants.AgreementSigned:
    """Return the signing of an agreement whose final report is due in a month."""
    values: dict[str, Any] = {
        "agreement_id": new_id(),
        "organization_id": new_id(),
        "competition_id": new_id(),
        "offer_id": new_id(),
        "amount": Decimal("20000.00"),
        "task_start": date.today(),
        "task_end": date.today() + timedelta(days=20),
        "final_report_due": date.today() + timedelta(days=50),
        "signed_at": now(),
        **overrides,
    }
    return grants.AgreementSigned(**values)


def offer_submitted(**overrides: Any) -> grants.OfferSubmitted:
    """Return an offer handed in to a competition by an organization."""
    values: dict[str, Any] = {
        "offer_id": new_id(),
        "competition_id": new_id(),
        "organization_id": new_id(),
        "partner_organization_ids": [],
        "task_title": "Zajęcia dla seniorów",
        "requested_grant": Decimal("12000.00"),
        "total_cost": Decimal("15000.00"),
        "submitted_by": "member",
        "submitted_at": now(),
        **overrides,
    }
    return grants.OfferSubmitted(**values)


def report_submitted(**overrides: Any) -> grants.ReportSubmitted:
    """Return a final report handed in on an agreement."""
    values: dict[str, Any] = {
        "report_id": new_id(),
        "agreement_id": new_id(),
        "organization_id": new_id(),
        "obligation": "final",
        "report_kind": "final",
        "grant_spent": Decimal("1000.00"),
        "submitted_by": "member",
        "submitted_at": now(),
        **overrides,
    }
    return grants.ReportSubmitted(**values)
