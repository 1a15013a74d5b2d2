"""The webhook feed: each consumed event queued for the tenant's endpoints that want it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC

from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.webhooks import DeliveryState, Endpoint, webhook_id
from services.notifications.repository import Endpoints, WebhookDeliveries
from shared.clock import Clock
from shared.events import ReceivedEvent
from shared.mongo import Document
from shared.tenancy import TenantContext
from shared.transaction_memo import memoized

__all__ = ["WebhookFeed"]


@dataclass(frozen=True)
class WebhookFeed:
    """Queues a delivery per matching endpoint for each consumed event, in its transaction."""

    endpoints: Endpoints
    deliveries: WebhookDeliveries
    attempt_limit: int
    clock: Clock

    async def enqueue(self, event: ReceivedEvent, session: AsyncClientSession) -> int:
        """Queue the event for the tenant's enabled endpoints that want its type."""
        tenant = TenantContext(event.tenant_id)
        # A consumer's batch asks once per tenant: endpoints change only through the API.
        enabled = await memoized(
            session,
            ("webhook_endpoints", tenant.tenant_id),
            lambda: self.endpoints.enabled(tenant, session),
        )
        wanted = [e for e in enabled if e.event_filter.matches(event.type)]
        if not wanted:
            return 0
        payload = _payload(event)
        now = self.clock.timestamp()
        await self.deliveries.enqueue(
            [self._delivery(event, endpoint, payload, now) for endpoint in wanted], session
        )
        return len(wanted)

    def _delivery(
        self, event: ReceivedEvent, endpoint: Endpoint, payload: str, now: float
    ) -> Document:
        return {
            "_id": webhook_id(f"{event.source}|{event.id}|{endpoint.id}"),
            "tenant_id": event.tenant_id,
            "endpoint_id": endpoint.id,
            "event_id": event.id,
            "event_type": event.type,
            "payload": payload,
            "state": DeliveryState.QUEUED.value,
            "due_at": now,
            "attempts": 0,
            "attempt_limit": self.attempt_limit,
            "replays": 0,
            "created_at": now,
        }


def _payload(event: ReceivedEvent) -> str:
    """Return the body in the Standard Webhooks shape: type, timestamp, data (plus the envelope)."""
    return json.dumps(
        {
            "type": event.type,
            "timestamp": event.time.astimezone(UTC).isoformat(),
            "data": event.data,
            "id": event.id,
            "source": event.source,
            "tenant_id": event.tenant_id,
            "subject": event.subject,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
