"""Valid events of the producing services; override only what a test is about."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from shared.context import new_id
from shared.contracts import consultations as cons
from shared.contracts import grants
from shared.contracts.registry import OrganizationProfile, OrganizationRegistered

__all__ = [
    "agreement_signed",
    "competition_announced",
    "consultation_opened",
    "consultation_report",
    "index_round",
    "organization_in",
]

_numbers = itertools.count(1)


def _now() -> datetime:
    return datetime.now(UTC)


def organization_in(areas: list[str], **overrides: Any) -> OrganizationRegistered:
    """Return the registration of an organization working in `areas`."""
    name = overrides.pop("name", f"Fundacja Obszarowa nr {next(_numbers)}")
    values: dict[str, Any] = {
        "organization_id": new_id(),
        "name": name,
        "legal_form": "foundation",
        "registered_by": "officer",
        "registered_at": _now(),
        "profile": OrganizationProfile(
            name=name, legal_form="foundation", public_benefit_areas=areas
        ),
        **overrides,
    }
    return OrganizationRegistered(**values)


def competition_announced(**overrides: Any) -> grants.CompetitionAnnounced:
    """Return an announcement of an open competition in sport, open for a month."""
    now = _now()
    values: dict[str, Any] = {
        "competition_id": new_id(),
        "title": f"Sport dla wszystkich {next(_numbers)}",
        "public_task": "Organizacja zajęć sportowych dla dzieci",
        "area": "physical_culture_sport",
        "total_funds": Decimal("150000.00"),
        "min_grant": Decimal("5000.00"),
        "max_grant": Decimal("30000.00"),
        "offer_deadline": now + timedelta(days=30),
        "task_start": date.today() + timedelta(days=60),
        "task_end": date.today() + timedelta(days=200),
        "decision_date": date.today() + timedelta(days=45),
        "announced_at": now,
        **overrides,
    }
    return grants.CompetitionAnnounced(**values)


def consultation_opened(**overrides: Any) -> cons.ConsultationOpened:
    """Return the opening of a consultation of the annual cooperation programme."""
    now = _now()
    values: dict[str, Any] = {
        "consultation_id": new_id(),
        "title": f"Program współpracy na 2027 r. ({next(_numbers)})",
        "kind": "annual_cooperation_programme",
        "programme_year": 2027,
        "audiences": ["ngos", "residents"],
        "written_comments": True,
        "survey": False,
        "meetings": 1,
        "starts_at": now,
        "ends_at": now + timedelta(days=21),
        "opened_by": "officer",
        "opened_at": now,
        **overrides,
    }
    return cons.ConsultationOpened(**values)


def consultation_report(**overrides: Any) -> cons.ConsultationReportPublished:
    """Return the publication of a consultation's report."""
    values: dict[str, Any] = {
        "consultation_id": new_id(),
        "title": f"Program współpracy na 2027 r. ({next(_numbers)})",
        "kind": "annual_cooperation_programme",
        "comments": 12,
        "accepted": 5,
        "partly_accepted": 3,
        "rejected": 4,
        "organizations": 7,
        "residents": 9,
        "survey_responses": 0,
        "published_by": "officer",
        "published_at": _now(),
        **overrides,
    }
    return cons.ConsultationReportPublished(**values)


def index_round(**overrides: Any) -> cons.IndexRoundPublished:
    """Return the publication of a cooperation index round."""
    areas = {"social_consultations": 3.5, "mutual_information": 4.0}
    values: dict[str, Any] = {
        "round_id": new_id(),
        "title": f"Diagnoza współpracy {next(_numbers)}",
        "assessed_on": date.today(),
        "scale_max": 5,
        "officers_by_area": areas,
        "ngos_by_area": areas,
        "combined_by_area": areas,
        "officers_overall": 3.75,
        "ngos_overall": 3.75,
        "combined_overall": 3.75,
        "conclusions": "Więcej spotkań z organizacjami.",
        "published_by": "officer",
        "published_at": _now(),
        **overrides,
    }
    return cons.IndexRoundPublished(**values)


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
        "signed_at": _now(),
        **overrides,
    }
    return grants.AgreementSigned(**values)
