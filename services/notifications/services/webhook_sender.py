"""Webhook calls: signed per Standard Webhooks, retried with backoff, failing endpoints disabled."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from prometheus_client import Counter
from standardwebhooks import Webhook

from services.notifications.domain.retries import retry_delay
from services.notifications.domain.webhooks import DeliveryState, Endpoint
from services.notifications.repository import Endpoints, WebhookAttempts, WebhookQueue
from services.notifications.services.destinations import DestinationGuard
from services.notifications.settings import NotificationsSettings
from shared.errors import DomainError
from shared.logging import get_logger
from shared.mongo import Document
from shared.tenancy import TenantContext

__all__ = ["Outcome", "WebhookSender"]

log = get_logger(__name__)
USER_AGENT = "ngo-platform-webhooks/1.0"
# Alerts watch this: "gave_up" deliveries reached their attempt limit and stay failed.
FAILED_ATTEMPTS = Counter(
    "webhook_failed_attempts_total", "Webhook delivery attempts that failed", ["final"]
)
_ANSWER_KEPT = 500  # characters of an endpoint's answer kept in the attempt log


@dataclass(frozen=True)
class Outcome:
    """What one attempt got back."""

    ok: bool
    status_code: int | None
    error: str | None
    answer: str
    duration_ms: float


Disable = Callable[[Endpoint, int], Awaitable[None]]


class WebhookSender:
    """Attempts one claimed delivery and records the attempt, success, retry or failure."""

    def __init__(
        self,
        *,
        endpoints: Endpoints,
        queue: WebhookQueue,
        attempts: WebhookAttempts,
        client: httpx.AsyncClient,
        guard: DestinationGuard,
        settings: NotificationsSettings,
        disable: Disable,
    ) -> None:
        self._endpoints = endpoints
        self._queue = queue
        self._attempts = attempts
        self._client = client
        self._guard = guard
        self._settings = settings
        self._disable = disable

    async def process(self, document: Document) -> None:
        """Call the endpoint once with the delivery and record what happened."""
        tenant, attempt = TenantContext(document["tenant_id"]), int(document["attempts"])
        if attempt > int(document["attempt_limit"]):
            # Earlier attempts ended without an outcome (a crash mid-call): stop here.
            await self._queue.settle(
                document["_id"],
                attempt,
                {
                    "state": DeliveryState.FAILED.value,
                    "last_error": "no outcome within the attempt limit",
                    "completed_at": time.time(),
                },
            )
            return
        endpoint = await self._endpoints.get(tenant, document["endpoint_id"])
        if endpoint is None or not endpoint.enabled:
            await self._queue.settle(
                document["_id"],
                attempt,
                {
                    "state": DeliveryState.SKIPPED.value,
                    "last_error": "endpoint disabled or removed",
                    "completed_at": time.time(),
                },
            )
            return
        outcome = await self._call(endpoint, document)
        await self._attempts.record(
            {
                "tenant_id": tenant.tenant_id,
                "delivery_id": document["_id"],
                "endpoint_id": endpoint.id,
                "attempt": attempt,
                "at": time.time(),
                "status_code": outcome.status_code,
                "error": outcome.error,
                "answer": outcome.answer,
                "duration_ms": outcome.duration_ms,
            }
        )
        if outcome.ok:
            await self._succeeded(tenant, endpoint, document, attempt, outcome)
        else:
            await self._failed(tenant, endpoint, document, attempt, outcome)

    async def _call(self, endpoint: Endpoint, document: Document) -> Outcome:
        started = time.perf_counter()
        payload: str = document["payload"]
        try:
            # Checked again at each call, and the call goes to the checked address only.
            destination = await self._guard.check(endpoint.url)
            sent_at = datetime.now(UTC)
            signature = Webhook(endpoint.secret).sign(document["_id"], sent_at, payload)
            response = await self._client.post(
                destination.url,
                content=payload.encode(),
                headers={
                    "host": destination.host_header,
                    "content-type": "application/json",
                    "user-agent": USER_AGENT,
                    "webhook-id": document["_id"],
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

    async def _succeeded(
        self,
        tenant: TenantContext,
        endpoint: Endpoint,
        document: Document,
        attempt: int,
        outcome: Outcome,
    ) -> None:
        await self._queue.settle(
            document["_id"],
            attempt,
            {
                "state": DeliveryState.SUCCEEDED.value,
                "last_status": outcome.status_code,
                "last_error": None,
                "completed_at": time.time(),
            },
        )
        await self._endpoints.succeeded(tenant, endpoint.id)

    async def _failed(
        self,
        tenant: TenantContext,
        endpoint: Endpoint,
        document: Document,
        attempt: int,
        outcome: Outcome,
    ) -> None:
        settings = self._settings
        changes: dict[str, object] = {
            "last_status": outcome.status_code,
            "last_error": outcome.error,
        }
        final = attempt >= int(document["attempt_limit"])
        FAILED_ATTEMPTS.labels(final="gave_up" if final else "will_retry").inc()
        if final:
            changes.update(state=DeliveryState.FAILED.value, completed_at=time.time())
        else:
            delay = retry_delay(
                attempt,
                base=settings.webhook_retry_base_seconds,
                cap=settings.webhook_retry_max_seconds,
            )
            changes["due_at"] = time.time() + delay
        await self._queue.settle(document["_id"], attempt, changes)
        failures = await self._endpoints.failed(tenant, endpoint.id)
        log.warning(
            "notifications.webhook.failed",
            endpoint=endpoint.id,
            attempt=attempt,
            failures=failures,
            error=outcome.error,
        )
        if endpoint.should_disable(failures, settings.webhook_disable_after_failures):
            await self._disable(endpoint, failures)
