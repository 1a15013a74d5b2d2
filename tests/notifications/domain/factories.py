"""Notices and recipients for the domain tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.notice import Notice
from services.notifications.domain.recipients import Recipient
from shared.errors import Text
from shared.tenancy import Role

HOME = "1261011"


def notice(kind: NoticeKind = NoticeKind.COMPETITION_ANNOUNCED, **overrides: Any) -> Notice:
    """Return a notice in the home municipality."""
    values: dict[str, Any] = {
        "key": f"{kind.value}:event-1",
        "kind": kind,
        "tenant_id": HOME,
        "event_type": "pl.ngo.grants.competition.announced",
        "event_id": "event-1",
        "occurred_at": datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        "title": Text("Tytuł", "Title"),
        "body": Text("Treść", "Body"),
        **overrides,
    }
    return Notice(**values)


def recipient(*roles: Role, **overrides: Any) -> Recipient:
    """Return a known person of the home municipality."""
    values: dict[str, Any] = {
        "tenant_id": HOME,
        "subject": "someone",
        "roles": frozenset(roles),
        "email": "someone@example.org",
        **overrides,
    }
    return Recipient(**values)
