"""Fakes of webhook storage and of the HTTP side of a call."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from services.notifications.adapters.webhook_http import Outcome
from services.notifications.domain.webhooks import Attempt, Delivery, DeliveryState, Endpoint
from shared.errors import InvalidInput
from shared.tenancy import TenantContext
from tests.support.fakes import Snapshotted


class FakeEndpoints(Snapshotted):
    """Webhook endpoints with their failure counts."""

    def __init__(self) -> None:
        self.items: dict[str, Endpoint] = {}

    def _of(self, tenant: TenantContext, endpoint_id: str) -> Endpoint | None:
        found = self.items.get(endpoint_id)
        return found if found is not None and found.tenant_id == tenant.tenant_id else None

    async def add(self, endpoint: Endpoint, session: Any) -> None:
        self.items[endpoint.id] = endpoint

    async def get(
        self, tenant: TenantContext, endpoint_id: str, session: Any = None
    ) -> Endpoint | None:
        return self._of(tenant, endpoint_id)

    async def count(self, tenant: TenantContext) -> int:
        return len(await self.listed(tenant))

    async def listed(self, tenant: TenantContext) -> list[Endpoint]:
        return [e for e in self.items.values() if e.tenant_id == tenant.tenant_id]

    async def enabled(self, tenant: TenantContext, session: Any) -> list[Endpoint]:
        return [e for e in await self.listed(tenant) if e.enabled]

    async def remove(self, tenant: TenantContext, endpoint_id: str) -> bool:
        return self._of(tenant, endpoint_id) is not None and bool(self.items.pop(endpoint_id))

    async def succeeded(self, tenant: TenantContext, endpoint_id: str) -> None:
        found = self._of(tenant, endpoint_id)
        if found is not None:
            self.items[endpoint_id] = replace(found, consecutive_failures=0)

    async def failed(self, tenant: TenantContext, endpoint_id: str) -> int:
        found = self._of(tenant, endpoint_id)
        assert found is not None
        failures = found.consecutive_failures + 1
        self.items[endpoint_id] = replace(found, consecutive_failures=failures)
        return failures

    async def disable(
        self, tenant: TenantContext, endpoint_id: str, reason: str, session: Any
    ) -> bool:
        found = self._of(tenant, endpoint_id)
        if found is None or not found.enabled:
            return False
        self.items[endpoint_id] = replace(found, enabled=False, disabled_reason=reason)
        return True

    async def enable(self, tenant: TenantContext, endpoint_id: str) -> bool:
        found = self._of(tenant, endpoint_id)
        if found is None:
            return False
        self.items[endpoint_id] = replace(
            found, enabled=True, disabled_reason=None, consecutive_failures=0
        )
        return True


class FakeDeliveries(Snapshotted):
    """Webhook delivery documents, as the feed queues them."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, Any]] = {}

    async def enqueue(self, documents: list[dict[str, Any]], session: Any) -> None:
        for document in documents:
            self.documents.setdefault(document["_id"], copy.deepcopy(document))

    def _of(self, tenant: TenantContext, delivery_id: str) -> dict[str, Any] | None:
        found = self.documents.get(delivery_id)
        return found if found is not None and found["tenant_id"] == tenant.tenant_id else None

    async def of_endpoint(
        self, tenant: TenantContext, endpoint_id: str, *, limit: int
    ) -> list[Delivery]:
        found = [
            d
            for d in self.documents.values()
            if d["tenant_id"] == tenant.tenant_id and d["endpoint_id"] == endpoint_id
        ]
        return [_delivery(d) for d in found[:limit]]

    async def get(self, tenant: TenantContext, delivery_id: str) -> Delivery | None:
        found = self._of(tenant, delivery_id)
        return _delivery(found) if found else None

    async def replay(
        self, tenant: TenantContext, delivery_id: str, *, now: float, session: Any
    ) -> bool:
        found = self._of(tenant, delivery_id)
        if found is None or found["state"] == DeliveryState.QUEUED.value:
            return False
        found.update(state=DeliveryState.QUEUED.value, due_at=now, replays=found["replays"] + 1)
        found["attempt_limit"] = found["attempts"] + 1
        return True


def _delivery(document: dict[str, Any]) -> Delivery:
    return Delivery(
        id=document["_id"],
        endpoint_id=document["endpoint_id"],
        event_id=document["event_id"],
        event_type=document["event_type"],
        state=document["state"],
        attempts=document["attempts"],
        replays=document.get("replays", 0),
        last_status=document.get("last_status"),
        last_error=document.get("last_error"),
        created_at=datetime.fromtimestamp(document["created_at"], UTC),
    )


class FakeAttempts(Snapshotted):
    """The attempt log of webhook deliveries."""

    def __init__(self) -> None:
        self.documents: list[dict[str, Any]] = []

    async def record(self, document: dict[str, Any]) -> None:
        self.documents.append(dict(document))

    async def of_delivery(self, tenant: TenantContext, delivery_id: str) -> list[Attempt]:
        return [
            Attempt(d["attempt"], d["at"], d["status_code"], d["error"], d["duration_ms"])
            for d in self.documents
            if d["tenant_id"] == tenant.tenant_id and d["delivery_id"] == delivery_id
        ]


@dataclass
class FakeGuard:
    """A destination guard that refuses the hosts it is told to, with the real error type."""

    refused: set[str] = field(default_factory=set)
    checked: list[str] = field(default_factory=list)

    async def check(self, url: str) -> None:
        self.checked.append(url)
        if any(host in url for host in self.refused):
            raise InvalidInput.for_field(
                "url", "Adres niedozwolony.", "The address is not allowed.", "url"
            )


@dataclass
class FakeWebhookHttp:
    """Answers webhook calls from a script of outcomes (then success), recording each call."""

    script: list[Outcome] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)

    async def call(self, endpoint: Endpoint, webhook_id: str, payload: str) -> Outcome:
        self.calls.append((endpoint.id, webhook_id))
        if self.script:
            return self.script.pop(0)
        return Outcome(True, 200, None, "ok", 1.0)


def failure(status: int = 500) -> Outcome:
    """Return the outcome of a call the endpoint answered with an error."""
    return Outcome(False, status, f"HTTP {status}", "", 1.0)
