"""Valid request bodies the portal tests create their scenes with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["consultation_terms"]


def consultation_terms(**overrides: Any) -> dict[str, Any]:
    """Return the terms of a consultation that takes comments from an hour ago for 14 days."""
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "title": f"Program współpracy z organizacjami pozarządowymi na {now.year + 1} r.",
        "kind": "annual_cooperation_programme",
        "programme_year": now.year + 1,
        "document": {
            "sections": [
                {"number": 1, "title": "§ 1. Cele", "text": "Celem programu jest partnerstwo."},
                {"number": 2, "title": "§ 2. Priorytety", "text": "Pomoc społeczna, sport."},
            ],
            "links": [],
        },
        "audiences": ["ngos", "residents"],
        "forms": {"written_comments": True, "survey": [], "meetings": []},
        "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(days=14)).isoformat(),
    }
    body.update(overrides)
    return body
