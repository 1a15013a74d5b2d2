"""What became of a municipality's e-mails: the officer sees those that could not be sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.notifications.repository import EmailLog
from services.notifications.services.callers import Callers
from shared.tenancy import Principal

__all__ = ["EmailDelivery", "EmailLogServices"]


@dataclass(frozen=True)
class EmailDelivery:
    """One e-mail to one person and where it stands."""

    id: str
    to: str
    about: str
    state: str
    attempts: int
    attempt_limit: int
    error: str | None
    created_at: float


@dataclass(frozen=True)
class EmailLogServices:
    """Lists a tenant's e-mails for its officers."""

    emails: EmailLog
    callers: Callers

    async def listed(
        self,
        principal: Principal,
        *,
        state: str | None,
        limit: int,
        caller_language: str | None = None,
    ) -> list[EmailDelivery]:
        """Return the tenant's newest e-mails, in one state or any."""
        await self.callers.remember(principal, caller_language)
        documents = await self.emails.newest(principal.tenant, state=state, limit=limit)
        return [_delivery(d) for d in documents]


def _delivery(document: dict[str, Any]) -> EmailDelivery:
    return EmailDelivery(
        id=str(document["_id"]),
        to=str(document["to"]),
        about=_about(document),
        state=str(document["state"]),
        attempts=int(document.get("attempts", 0)),
        attempt_limit=int(document.get("attempt_limit", 0)),
        error=document.get("error"),
        created_at=float(document["created_at"]),
    )


def _about(document: dict[str, Any]) -> str:
    if document.get("template") == "digest":
        return str(document.get("digest", {}).get("label", ""))
    return str(document.get("notice", {}).get("title", {}).get("pl", ""))
