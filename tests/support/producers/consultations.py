"""Valid events of consultations; override only what a test is about."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from shared.context import new_id
from shared.contracts import consultations as cons
from tests.support.producers._common import now, numbers

__all__ = ["consultation_opened", "consultation_report", "index_round"]


def consultation_opened(**overrides: Any) -> cons.ConsultationOpened:
    """Return the opening of a consultation of the annual cooperation programme."""
    moment = now()
    values: dict[str, Any] = {
        "consultation_id": new_id(),
        "title": f"Program współpracy na 2027 r. ({next(numbers)})",
        "kind": "annual_cooperation_programme",
        "programme_year": 2027,
        "audiences": ["ngos", "residents"],
        "written_comments": True,
        "survey": False,
        "meetings": 1,
        "starts_at": moment,
        "ends_at": moment + timedelta(days=21),
        "opened_by": "officer",
        "opened_at": moment,
        **overrides,
    }
    return cons.ConsultationOpened(**values)


def consultation_report(**overrides: Any) -> cons.ConsultationReportPublished:
    """Return the publication of a consultation's report."""
    values: dict[str, Any] = {
        "consultation_id": new_id(),
        "title": f"Program współpracy na 2027 r. ({next(numbers)})",
        "kind": "annual_cooperation_programme",
        "comments": 12,
        "accepted": 5,
        "partly_accepted": 3,
        "rejected": 4,
        "organizations": 7,
        "residents": 9,
        "survey_responses": 0,
        "published_by": "officer",
        "published_at": now(),
        **overrides,
    }
    return cons.ConsultationReportPublished(**values)


def index_round(**overrides: Any) -> cons.IndexRoundPublished:
    """Return the publication of a cooperation index round."""
    areas = {"social_consultations": 3.5, "mutual_information": 4.0}
    values: dict[str, Any] = {
        "round_id": new_id(),
        "title": f"Diagnoza współpracy {next(numbers)}",
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
        "published_at": now(),
        **overrides,
    }
    return cons.IndexRoundPublished(**values)
