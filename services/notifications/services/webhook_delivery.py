"""Webhook calls: signed per Standard Webhooks, retried with backoff, failing endpoints disabled."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from prometheus_client import Counter

from services.notifications.adapters.webhook_http import Outcome, WebhookHttp
from services.notifications.domain.retries import retry_delay
from services.notifications.domain.webhooks import DeliveryState, Endpoint
from services.notifications.repository import Endpoints, WebhookAttempts, WebhookQueue
from services.notifications.settings import NotificationsSettings
from shared.clock import Clock
from shared.logging import get_logger
from shared.mongo import Document
from shared.tenancy import TenantContext

__all__ = ["FAILED_ATTEMPTS", "WebhookSender"]

log = get_logger(__name__)
# Alerts watch this: "gave_up" deliveries reached their attempt limit and stay failed.
FAILED_ATTEMPTS = Counter(
    "webhook_failed_attempts_total", "Webhook delivery attempts that failed", ["final"]
)


Disable = Callable[[Endpoint, int], Awaitable[None]]


class WebhookSender:
    """Attempts one claimed delivery and records the attempt, success, retry or failure."""

    def __init__(
        self,
        *,
        endpoints: Endpoints,
        queue: WebhookQueue,
        attempts: WebhookAttempts,
        http: WebhookHttp,
        settings: NotificationsSettings,
        disable: Disable,
        clock: Clock,
    ) -> None:
        self._endpoints = endpoints
        self._queue = queue
        self._attempts = attempts
        self._http = http
        self._settings = settings
        self._disable = disable
        self._clock = clock

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
                    "completed_at": self._clock.timestamp(),
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
                    "completed_at": self._clock.timestamp(),
                },
            )
            return
        outcome = await self._http.call(endpoint, document["_id"], document["payload"])
        await self._attempts.record(
            {
                "tenant_id": tenant.tenant_id,
                "delivery_id": document["_id"],
                "endpoint_id": endpoint.id,
                "attempt": attempt,
                "at": self._clock.timestamp(),
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
                "completed_at": self._clock.timestamp(),
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
            changes.update(state=DeliveryState.FAILED.value, completed_at=self._clock.timestamp())
        else:
            delay = retry_delay(
                attempt,
                base=settings.webhook_retry_base_seconds,
                cap=settings.webhook_retry_max_seconds,
            )
            changes["due_at"] = self._clock.timestamp() + delay
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
