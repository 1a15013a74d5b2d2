"""Webhook endpoints of external systems: registration, the delivery log, replay, disabling."""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.adapters.destinations import DestinationGuard
from services.notifications.domain.notices import NoticeWriter
from services.notifications.domain.projections import Origin
from services.notifications.domain.webhooks import (
    Attempt,
    Delivery,
    Endpoint,
    EventFilter,
    new_secret,
)
from services.notifications.repository import (
    Endpoints,
    WebhookAttempts,
    WebhookDeliveries,
)
from services.notifications.services.callers import Callers
from services.notifications.services.fanout import Fanout
from shared.clock import Clock
from shared.context import new_id
from shared.contracts.base import registered_contracts
from shared.errors import Conflict, NotFound, Text
from shared.logging import get_logger
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import Principal, TenantContext

__all__ = ["DeliveryLog", "EndpointDisabler", "WebhookServices"]

log = get_logger(__name__)
_NO_ENDPOINT = Text("Nie ma takiego punktu odbioru.", "No such endpoint.")
_NO_DELIVERY = Text("Nie ma takiej dostawy.", "No such delivery.")
# Not a platform event: the type inbox items of this notice carry.
DISABLED_EVENT_TYPE = "pl.ngo.notifications.webhook.disabled"


@dataclass(frozen=True)
class DeliveryLog:
    """A delivery with its attempts."""

    delivery: Delivery
    attempts: list[Attempt]


@dataclass(frozen=True)
class WebhookServices:
    """What an integration does with its endpoints."""

    endpoints: Endpoints
    deliveries: WebhookDeliveries
    attempts: WebhookAttempts
    guard: DestinationGuard
    max_endpoints: int
    transactions: TransactionRunner
    callers: Callers
    clock: Clock

    async def register(
        self,
        principal: Principal,
        *,
        url: str,
        event_types: list[str],
        description: str,
        caller_language: str | None = None,
    ) -> Endpoint:
        """Register an endpoint on an allowed host; return it with its signing secret."""
        await self.callers.remember(principal, caller_language)
        event_filter = EventFilter.parse(event_types, registered_contracts())
        # One tenant's many endpoints would multiply every event into many slow calls.
        if await self.endpoints.count(principal.tenant) >= self.max_endpoints:
            raise Conflict(
                detail=Text(
                    f"Gmina ma już {self.max_endpoints} punktów odbioru webhooków (limit); "
                    "usuń nieużywany, aby dodać nowy.",
                    f"The municipality already has {self.max_endpoints} webhook endpoints (the "
                    "limit); remove an unused one to add another.",
                ),
                extra={"limit": self.max_endpoints},
            )
        await self.guard.check(url)
        endpoint = Endpoint(
            id=new_id(),
            tenant_id=principal.tenant_id,
            url=url,
            description=description,
            event_filter=event_filter,
            secret=new_secret(),
            owner=principal.subject,
            enabled=True,
            consecutive_failures=0,
            created_at=self.clock.now(),
        )

        async def work(transaction: Transaction) -> None:
            # In a transaction so that an Idempotency-Key commits with the endpoint.
            transaction.about(endpoint.id)
            await self.endpoints.add(endpoint, transaction.session)

        await self.transactions.run(work)
        log.info("notifications.webhook.registered", endpoint=endpoint.id)
        return endpoint

    async def listed(
        self, principal: Principal, caller_language: str | None = None
    ) -> list[Endpoint]:
        """Return the tenant's endpoints."""
        await self.callers.remember(principal, caller_language)
        return await self.endpoints.listed(principal.tenant)

    async def get(
        self, principal: Principal, endpoint_id: str, caller_language: str | None = None
    ) -> Endpoint:
        """Return one of the tenant's endpoints."""
        await self.callers.remember(principal, caller_language)
        return await self._endpoint(principal, endpoint_id)

    async def _endpoint(self, principal: Principal, endpoint_id: str) -> Endpoint:
        endpoint = await self.endpoints.get(principal.tenant, endpoint_id)
        if endpoint is None:
            raise NotFound(detail=_NO_ENDPOINT)
        return endpoint

    async def remove(
        self, principal: Principal, endpoint_id: str, caller_language: str | None = None
    ) -> None:
        """Delete an endpoint; its queued deliveries are skipped."""
        await self.callers.remember(principal, caller_language)
        if not await self.endpoints.remove(principal.tenant, endpoint_id):
            raise NotFound(detail=_NO_ENDPOINT)

    async def enable(
        self, principal: Principal, endpoint_id: str, caller_language: str | None = None
    ) -> Endpoint:
        """Enable an endpoint again (after it was disabled for failing)."""
        await self.callers.remember(principal, caller_language)
        endpoint = await self._endpoint(principal, endpoint_id)
        await self.guard.check(endpoint.url)
        await self.endpoints.enable(principal.tenant, endpoint_id)
        return await self._endpoint(principal, endpoint_id)

    async def deliveries_of(
        self,
        principal: Principal,
        endpoint_id: str,
        *,
        limit: int,
        caller_language: str | None = None,
    ) -> list[Delivery]:
        """Return an endpoint's newest deliveries."""
        await self.callers.remember(principal, caller_language)
        await self._endpoint(principal, endpoint_id)
        return await self.deliveries.of_endpoint(principal.tenant, endpoint_id, limit=limit)

    async def delivery(
        self, principal: Principal, delivery_id: str, caller_language: str | None = None
    ) -> DeliveryLog:
        """Return a delivery with every attempt."""
        await self.callers.remember(principal, caller_language)
        return await self._log(principal, delivery_id)

    async def _log(self, principal: Principal, delivery_id: str) -> DeliveryLog:
        found = await self.deliveries.get(principal.tenant, delivery_id)
        if found is None:
            raise NotFound(detail=_NO_DELIVERY)
        return DeliveryLog(found, await self.attempts.of_delivery(principal.tenant, delivery_id))

    async def replay(
        self, principal: Principal, delivery_id: str, caller_language: str | None = None
    ) -> DeliveryLog:
        """Send a finished delivery once more, under the same webhook-id."""
        await self.callers.remember(principal, caller_language)
        found = await self._log(principal, delivery_id)
        endpoint = await self.endpoints.get(principal.tenant, found.delivery.endpoint_id)
        if endpoint is None or not endpoint.enabled:
            raise Conflict(
                detail=Text(
                    "Punkt odbioru jest wyłączony lub usunięty; włącz go najpierw.",
                    "The endpoint is disabled or removed; enable it first.",
                )
            )

        async def work(transaction: Transaction) -> None:
            # In a transaction so that an Idempotency-Key commits with the replay.
            transaction.about(delivery_id)
            tenant, session = principal.tenant, transaction.session
            if not await self.deliveries.replay(
                tenant, delivery_id, now=self.clock.timestamp(), session=session
            ):
                raise Conflict(
                    detail=Text(
                        "Ta dostawa czeka już na wysłanie.",
                        "This delivery is already waiting to be sent.",
                    )
                )

        await self.transactions.run(work)
        return await self._log(principal, delivery_id)


@dataclass(frozen=True)
class EndpointDisabler:
    """Disables an endpoint that keeps failing and tells its owner, in one transaction."""

    transactions: TransactionRunner
    endpoints: Endpoints
    fanout: Fanout
    writer: NoticeWriter
    clock: Clock

    async def __call__(self, endpoint: Endpoint, failures: int) -> None:
        """Disable the endpoint (once) and put a notice in its owner's inbox."""
        tenant = TenantContext(endpoint.tenant_id)
        reason = f"{failures} consecutive failed attempts"
        origin = Origin(
            endpoint.tenant_id,
            f"webhook-disabled:{endpoint.id}",
            DISABLED_EVENT_TYPE,
            self.clock.now(),
        )
        notice = self.writer.webhook_disabled(
            origin,
            endpoint_id=endpoint.id,
            url=endpoint.url,
            owner=endpoint.owner,
            failures=failures,
        )

        async def work(transaction: Transaction) -> bool:
            if not await self.endpoints.disable(tenant, endpoint.id, reason, transaction.session):
                return False
            await self.fanout.deliver(notice, transaction.session)
            return True

        if await self.transactions.run(work):
            log.warning("notifications.webhook.disabled", endpoint=endpoint.id, failures=failures)
