"""Webhook endpoints, their deliveries (one per event and endpoint) and every attempt."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from pymongo import ASCENDING, DESCENDING, IndexModel, ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.webhooks import (
    Attempt,
    Delivery,
    DeliveryState,
    Endpoint,
    EventFilter,
)
from services.notifications.repository.queue import WorkQueue
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["Endpoints", "Sealer", "WebhookAttempts", "WebhookDeliveries", "WebhookQueue"]


class Sealer(Protocol):
    """Seals secrets before they are stored and opens them when read (adapters/sealing.py)."""

    def seal(self, secret: str) -> str:
        """Return the secret sealed, as text to store."""
        ...

    def open(self, sealed: str) -> str:
        """Return the secret `seal` sealed."""
        ...


class Endpoints(TenantRepository):
    """Endpoints registered by a tenant's integrations."""

    collection_name = "webhook_endpoints"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("enabled", ASCENDING)], name="tenant_on"),)

    def __init__(self, database: AsyncDatabase[Document], secrets: Sealer) -> None:
        super().__init__(database)
        self._secrets = secrets

    async def add(self, endpoint: Endpoint, session: AsyncClientSession) -> None:
        """Store a new endpoint; its signing secret only sealed."""
        document = _endpoint_document(endpoint, self._secrets)
        await self._collection.insert_one(document, session=session)

    async def get(
        self, tenant: TenantContext, endpoint_id: str, session: AsyncClientSession | None = None
    ) -> Endpoint | None:
        """Return one of the tenant's endpoints."""
        document = await self._find_one(tenant, {"_id": endpoint_id}, session)
        return _endpoint(document, self._secrets) if document else None

    async def count(self, tenant: TenantContext) -> int:
        """Return how many endpoints the tenant has."""
        return await self._count(tenant, {})

    async def listed(self, tenant: TenantContext) -> list[Endpoint]:
        """Return the tenant's endpoints."""
        documents = await self._find(tenant, {}, sort=[("created_at", ASCENDING)], limit=500)
        return [_endpoint(d, self._secrets) for d in documents]

    async def enabled(self, tenant: TenantContext, session: AsyncClientSession) -> list[Endpoint]:
        """Return the tenant's enabled endpoints."""
        documents = await self._find(tenant, {"enabled": True}, limit=500, session=session)
        return [_endpoint(d, self._secrets) for d in documents]

    async def remove(self, tenant: TenantContext, endpoint_id: str) -> bool:
        """Delete an endpoint."""
        result = await self._collection.delete_one(self._scoped(tenant, {"_id": endpoint_id}))
        return result.deleted_count == 1

    async def succeeded(self, tenant: TenantContext, endpoint_id: str) -> None:
        """Reset the count of consecutive failures."""
        await self._collection.update_one(
            self._scoped(tenant, {"_id": endpoint_id}), {"$set": {"consecutive_failures": 0}}
        )

    async def failed(self, tenant: TenantContext, endpoint_id: str) -> int:
        """Count one more consecutive failure; return the count."""
        document = await self._collection.find_one_and_update(
            self._scoped(tenant, {"_id": endpoint_id}),
            {"$inc": {"consecutive_failures": 1}},
            return_document=ReturnDocument.AFTER,
        )
        return int(document["consecutive_failures"]) if document else 0

    async def disable(
        self, tenant: TenantContext, endpoint_id: str, reason: str, session: AsyncClientSession
    ) -> bool:
        """Disable an enabled endpoint; False if it was not enabled."""
        return await self._update_one(
            tenant,
            {"_id": endpoint_id, "enabled": True},
            {"$set": {"enabled": False, "disabled_reason": reason}},
            session,
        )

    async def enable(self, tenant: TenantContext, endpoint_id: str) -> bool:
        """Enable an endpoint again, with a clean failure count."""
        result = await self._collection.update_one(
            self._scoped(tenant, {"_id": endpoint_id}),
            {"$set": {"enabled": True, "disabled_reason": None, "consecutive_failures": 0}},
        )
        return result.matched_count == 1


def _endpoint_document(endpoint: Endpoint, secrets: Sealer) -> Document:
    return {
        "_id": endpoint.id,
        "tenant_id": endpoint.tenant_id,
        "url": endpoint.url,
        "description": endpoint.description,
        "event_types": list(endpoint.event_filter.patterns),
        "sealed_secret": secrets.seal(endpoint.secret),
        "owner": endpoint.owner,
        "enabled": endpoint.enabled,
        "consecutive_failures": endpoint.consecutive_failures,
        "disabled_reason": endpoint.disabled_reason,
        "created_at": endpoint.created_at.timestamp(),
    }


def _secret(document: dict[str, Any], secrets: Sealer) -> str:
    if "sealed_secret" in document:
        return secrets.open(document["sealed_secret"])
    return str(document["secret"])  # an endpoint stored before secrets were sealed


def _endpoint(document: dict[str, Any], secrets: Sealer) -> Endpoint:
    return Endpoint(
        id=document["_id"],
        tenant_id=document["tenant_id"],
        url=document["url"],
        description=document.get("description", ""),
        event_filter=EventFilter(tuple(document["event_types"])),
        secret=_secret(document, secrets),
        owner=document["owner"],
        enabled=bool(document["enabled"]),
        consecutive_failures=int(document.get("consecutive_failures", 0)),
        created_at=datetime.fromtimestamp(document["created_at"], UTC),
        disabled_reason=document.get("disabled_reason"),
    )


class WebhookQueue(WorkQueue):
    """Deliveries due to be attempted, claimed by any replica's sender."""

    collection_name = "webhook_deliveries"


class WebhookDeliveries(TenantRepository):
    """A tenant's deliveries: queued with the event's consumption, read as the delivery log."""

    collection_name = "webhook_deliveries"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("endpoint_id", ASCENDING), ("created_at", DESCENDING)],
            name="tenant_endpoint_created",
        ),
    )

    async def enqueue(self, documents: Sequence[Document], session: AsyncClientSession) -> None:
        """Add deliveries; each `_id` is its webhook-id, so none is queued twice."""
        for document in documents:
            await self._collection.update_one(
                {"_id": document["_id"], "tenant_id": document["tenant_id"]},
                {"$setOnInsert": document},
                upsert=True,
                session=session,
            )

    async def of_endpoint(
        self, tenant: TenantContext, endpoint_id: str, *, limit: int
    ) -> list[Delivery]:
        """Return an endpoint's newest deliveries."""
        documents = await self._find(
            tenant, {"endpoint_id": endpoint_id}, sort=[("created_at", DESCENDING)], limit=limit
        )
        return [_delivery(d) for d in documents]

    async def get(self, tenant: TenantContext, delivery_id: str) -> Delivery | None:
        """Return one delivery of the tenant."""
        document = await self._find_one(tenant, {"_id": delivery_id})
        return _delivery(document) if document else None

    async def replay(
        self, tenant: TenantContext, delivery_id: str, *, now: float, session: AsyncClientSession
    ) -> bool:
        """Queue a finished delivery for one more attempt, at once, under the same id."""
        document = await self._find_one(tenant, {"_id": delivery_id}, session)
        if document is None or document["state"] == DeliveryState.QUEUED.value:
            return False
        result = await self._collection.update_one(
            self._scoped(
                tenant,
                {"_id": delivery_id, "state": document["state"], "attempts": document["attempts"]},
            ),
            {
                "$set": {
                    "state": DeliveryState.QUEUED.value,
                    "due_at": now,
                    "attempt_limit": int(document["attempts"]) + 1,
                },
                "$inc": {"replays": 1},
            },
            session=session,
        )
        return result.modified_count == 1


class WebhookAttempts(TenantRepository):
    """Every attempt of every delivery: when, the answer's status, the error, how long."""

    collection_name = "webhook_attempts"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("delivery_id", ASCENDING), ("attempt", ASCENDING)],
            name="tenant_delivery",
        ),
    )

    async def record(self, document: Document) -> None:
        """Record one attempt."""
        await self._collection.update_one(
            {
                "_id": f"{document['delivery_id']}:{document['attempt']}",
                "tenant_id": document["tenant_id"],
            },
            {"$set": document},
            upsert=True,
        )

    async def of_delivery(self, tenant: TenantContext, delivery_id: str) -> list[Attempt]:
        """Return a delivery's attempts in order."""
        documents = await self._find(
            tenant, {"delivery_id": delivery_id}, sort=[("attempt", ASCENDING)], limit=200
        )
        return [_attempt(d) for d in documents]


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(float(epoch), UTC)


def _delivery(document: Document) -> Delivery:
    return Delivery(
        id=document["_id"],
        endpoint_id=document["endpoint_id"],
        event_id=document["event_id"],
        event_type=document["event_type"],
        state=document["state"],
        attempts=int(document["attempts"]),
        replays=int(document.get("replays", 0)),
        last_status=document.get("last_status"),
        last_error=document.get("last_error"),
        created_at=_moment(document["created_at"]),
    )


def _attempt(document: Document) -> Attempt:
    return Attempt(
        attempt=document["attempt"],
        at=_moment(document["at"]),
        status_code=document.get("status_code"),
        error=document.get("error"),
        duration_ms=float(document.get("duration_ms", 0.0)),
    )
