"""Webhook calls over HTTP: signed per Standard Webhooks, sent only to a checked address."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
from standardwebhooks import Webhook

from services.notifications.adapters.destinations import DestinationGuard
from services.notifications.domain.webhooks import Endpoint
from shared.clock import Clock
from shared.errors import DomainError

__all__ = ["USER_AGENT", "Outcome", "WebhookHttp"]

USER_AGENT = "ngo-platform-webhooks/1.0"
_ANSWER_KEPT = 500  # characters of an endpoint's answer kept in the attempt log


@dataclass(frozen=True)
class Outcome:
    """What one attempt got back."""

    ok: bool
    status_code: int | None
    error: str | None
    answer: str
    duration_ms: float


@dataclass(frozen=True)
class WebhookHttp:
    """Calls endpoints with one pooled client, each call checked by the destination guard."""

    client: httpx.AsyncClient
    guard: DestinationGuard
    clock: Clock

    async def call(self, endpoint: Endpoint, webhook_id: str, payload: str) -> Outcome:
        """POST the payload to the endpoint's checked address, signed; say what came back."""
        started = time.perf_counter()
        try:
            # Checked again at each call, and the call goes to the checked address only.
            destination = await self.guard.check(endpoint.url)
            sent_at = self.clock.now()
            signature = Webhook(endpoint.secret).sign(webhook_id, sent_at, payload)
            response = await self.client.post(
                destination.url,
                content=payload.encode(),
                headers={
                    "host": destination.host_header,
                    "content-type": "application/json",
                    "user-agent": USER_AGENT,
                    "webhook-id": webhook_id,
                    "webhook-timestamp": str(int(sent_at.timestamp())),
                    "webhook-signature": signature,
                },
                extensions=destination.extensions,
            )
        except DomainError as error:
            return self._outcome(started, None, f"refused: {error.detail.en}")
        except httpx.HTTPError as error:
            return self._outcome(started, None, f"{type(error).__name__}: {error}")
        ok = 200 <= response.status_code < 300
        problem = None if ok else f"HTTP {response.status_code}"
        return self._outcome(started, response.status_code, problem, response.text)

    @staticmethod
    def _outcome(
        started: float, status: int | None, error: str | None, answer: str = ""
    ) -> Outcome:
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        return Outcome(error is None, status, error, answer[:_ANSWER_KEPT], elapsed)
