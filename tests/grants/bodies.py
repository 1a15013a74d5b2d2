"""Valid request bodies of the grants API, overridable per test."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

__all__ = ["competition_terms", "offer_content", "report_contents", "score_sheet"]


def competition_terms(now: datetime, **overrides: Any) -> dict[str, Any]:
    """Return complete terms: 100,000 PLN, grants 5,000–40,000, deadline in 30 days."""
    deadline = now + timedelta(days=30)
    start = deadline.date() + timedelta(days=20)
    body: dict[str, Any] = {
        "title": "Aktywny senior",
        "public_task": "Zajęcia aktywizujące dla seniorów",
        "area": "seniors",
        "total_funds": "100000.00",
        "funding_rules": "Dotacja do 90% kosztów zadania.",
        "delivery_terms": "Zadanie realizowane na terenie gminy.",
        "offer_deadline": deadline.isoformat(),
        "criteria": [
            {"code": "quality", "label": "Jakość merytoryczna", "max_points": 20},
            {"code": "budget", "label": "Kalkulacja kosztów", "max_points": 10},
        ],
        "min_grant": "5000.00",
        "max_grant": "40000.00",
        "task_period": {
            "start": start.isoformat(),
            "end": (start + timedelta(days=150)).isoformat(),
        },
        "selection_mode": "Ocena komisji konkursowej, wybór przez wójta.",
        "decision_date": (deadline.date() + timedelta(days=10)).isoformat(),
        "funds_spent_this_year": "0.00",
        "funds_spent_last_year": "80000.00",
        "own_contribution": {"total_percent": "10", "financial_percent": "5"},
    }
    body.update(overrides)
    return body


def offer_content(task_start: date, grant: str = "20000.00", **overrides: Any) -> dict[str, Any]:
    """Return complete offer contents for a task starting on `task_start` (90 days)."""
    end = task_start + timedelta(days=90)
    period = {"start": task_start.isoformat(), "end": end.isoformat()}
    body: dict[str, Any] = {
        "title": "Senior w ruchu",
        "place": "Świetlica wiejska",
        "description": "Cotygodniowe zajęcia ruchowe i warsztaty dla seniorów.",
        "task_period": period,
        "schedule": [
            {"name": "Zajęcia ruchowe", "description": "Dwa razy w tygodniu", "period": period}
        ],
        "quantitative_results": [{"name": "Uczestnicy", "target_value": "40", "unit": "osoby"}],
        "qualitative_results": ["Większa aktywność seniorów"],
        "budget": {
            "lines": [
                {
                    "key": "I.1",
                    "category": "action",
                    "name": "Wynagrodzenie instruktorów",
                    "requested_grant": grant,
                    "own_financial": "2000.00",
                    "in_kind": "500.00",
                    "volunteer_work": "500.00",
                }
            ]
        },
    }
    body.update(overrides)
    return body


def score_sheet(quality: int, budget: int) -> dict[str, Any]:
    """Return a score sheet of both criteria."""
    return {
        "scores": [
            {
                "criterion": "quality",
                "points": str(quality),
                "comment": "Dobrze opisane działania.",
            },
            {"criterion": "budget", "points": str(budget), "comment": "Koszty realne."},
        ]
    }


def report_contents(grant_spent: str = "19000.00") -> dict[str, Any]:
    """Return the contents of a final report on `offer_content()`."""
    return {
        "narrative": "Zajęcia odbyły się zgodnie z harmonogramem; uczestniczyło 42 seniorów.",
        "results": [{"name": "Uczestnicy", "achieved_value": "42"}],
        "expenses": [
            {
                "line_key": "I.1",
                "grant": grant_spent,
                "own_financial": "2000.00",
                "in_kind": "500.00",
                "volunteer_work": "500.00",
            }
        ],
    }
