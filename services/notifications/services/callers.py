"""The people who call this API, made known here from their tokens (no user directory exists)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from services.notifications.domain.recipients import Recipient
from services.notifications.repository import RecipientDirectory
from shared.clock import Clock
from shared.tenancy import Principal

__all__ = ["REFRESH_SECONDS", "Callers"]

REFRESH_SECONDS = 600.0


@dataclass
class Callers:
    """Records each caller as their token describes them; a busy caller is written once a while."""

    recipients: RecipientDirectory
    clock: Clock
    # Who was recorded lately, as what (a process-local cache, not shared state).
    _recent: dict[tuple[str, str], tuple[tuple[object, ...], float]] = field(
        default_factory=dict, init=False, repr=False
    )

    async def remember(self, principal: Principal, language: str | None) -> None:
        """Record the caller as their token describes them (and their language, if given)."""
        key = (principal.tenant_id, principal.subject)
        fingerprint = (
            principal.roles,
            principal.organization_id,
            principal.email,
            principal.name,
            language,
        )
        cached = self._recent.get(key)
        if cached and cached[0] == fingerprint and time.monotonic() - cached[1] < REFRESH_SECONDS:
            return
        stored = await self.recipients.get(principal.tenant, principal.subject)
        previous = stored.recipient if stored else None
        recipient = replace(
            Recipient.of(principal),
            language=language or (previous.language if previous else "pl"),
            custom=previous.custom if previous else None,
        )
        await self.recipients.remember(recipient, now=self.clock.timestamp())
        self._recent[key] = (fingerprint, time.monotonic())

    def forget(self, principal: Principal) -> None:
        """Drop the caller from the cache, so that the next `remember` writes."""
        self._recent.pop((principal.tenant_id, principal.subject), None)
