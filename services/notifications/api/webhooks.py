"""Routes of webhook endpoints, their delivery log and replays (integrations and officers)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from services.notifications.api.deps import CallerLanguage, Integration, Webhooks, WebhookWorker
from services.notifications.domain.webhooks import Attempt, Delivery, Endpoint
from services.notifications.services.webhooks import DeliveryLog
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, prefix="/webhooks", tags=["webhooks"])


class EndpointCreate(BaseModel):
    """An HTTPS endpoint to receive platform events."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        description="https:// URL; its host must resolve to public addresses.",
        min_length=8,
        max_length=2048,
    )
    event_types: list[str] = Field(
        description="Event types to receive: exact (pl.ngo.grants.competition.announced), "
        "a prefix (pl.ngo.grants.*) or * for all.",
        min_length=1,
        max_length=100,
    )
    description: str = Field("", description="What the endpoint is for.", max_length=500)


class EndpointView(BaseModel):
    """An endpoint (its secret is shown only when registered)."""

    id: str = Field(description="Endpoint id.")
    url: str = Field(description="Where deliveries go.")
    description: str = Field(description="What it is for.")
    event_types: list[str] = Field(description="The event filter.")
    enabled: bool = Field(description="False once disabled for failing.")
    disabled_reason: str | None = Field(description="Why it was disabled.")
    consecutive_failures: int = Field(description="Failed attempts since the last success.")
    owner: str = Field(description="Who registered it.")
    created_at: datetime = Field(description="When it was registered.")
    secret: str | None = Field(
        None, description="Signing secret (whsec_…) for standardwebhooks; shown once."
    )

    @classmethod
    def of(cls, endpoint: Endpoint, *, with_secret: bool = False) -> EndpointView:
        """Describe an endpoint."""
        return cls(
            id=endpoint.id,
            url=endpoint.url,
            description=endpoint.description,
            event_types=list(endpoint.event_filter.patterns),
            enabled=endpoint.enabled,
            disabled_reason=endpoint.disabled_reason,
            consecutive_failures=endpoint.consecutive_failures,
            owner=endpoint.owner,
            created_at=endpoint.created_at,
            secret=endpoint.secret if with_secret else None,
        )


class AttemptView(BaseModel):
    """One attempt of a delivery."""

    attempt: int = Field(description="Attempt number, from 1.")
    at: datetime = Field(description="When it was made.")
    status_code: int | None = Field(description="HTTP status of the answer, if any.")
    error: str | None = Field(description="What went wrong, if anything.")
    duration_ms: float = Field(description="How long the call took.")


class DeliveryView(BaseModel):
    """A delivery of one event to one endpoint; `id` is its webhook-id."""

    id: str = Field(description="The webhook-id header of every attempt.")
    endpoint_id: str = Field(description="The endpoint.")
    event_id: str = Field(description="The platform event delivered.")
    event_type: str = Field(description="Its type.")
    state: str = Field(description="queued, succeeded, failed or skipped.")
    attempts: int = Field(description="Attempts made.")
    replays: int = Field(description="Manual replays.")
    last_status: int | None = Field(description="HTTP status of the last answer.")
    last_error: str | None = Field(description="Error of the last attempt.")
    created_at: datetime = Field(description="When it was queued.")
    attempt_log: list[AttemptView] | None = Field(None, description="Every attempt, in order.")

    @classmethod
    def of(cls, delivery: Delivery, attempts: list[Attempt] | None = None) -> DeliveryView:
        """Describe a delivery."""
        return cls(
            id=delivery.id,
            endpoint_id=delivery.endpoint_id,
            event_id=delivery.event_id,
            event_type=delivery.event_type,
            state=delivery.state,
            attempts=delivery.attempts,
            replays=delivery.replays,
            last_status=delivery.last_status,
            last_error=delivery.last_error,
            created_at=delivery.created_at,
            attempt_log=None
            if attempts is None
            else [
                AttemptView(
                    attempt=a.attempt,
                    at=a.at,
                    status_code=a.status_code,
                    error=a.error,
                    duration_ms=a.duration_ms,
                )
                for a in attempts
            ],
        )

    @classmethod
    def of_log(cls, log: DeliveryLog) -> DeliveryView:
        """Describe a delivery with its attempts."""
        return cls.of(log.delivery, log.attempts)


@router.post("/endpoints", status_code=status.HTTP_201_CREATED, summary="Register an endpoint")
async def register(
    body: EndpointCreate,
    principal: Integration,
    webhooks: Webhooks,
    caller_language: CallerLanguage,
    response: Response,
) -> EndpointView:
    """Register an endpoint; the answer carries its signing secret, shown only here."""
    endpoint = await webhooks.register(
        principal,
        url=body.url,
        event_types=body.event_types,
        description=body.description,
        caller_language=caller_language,
    )
    response.headers["Location"] = f"/webhooks/endpoints/{endpoint.id}"
    # The secret is shown once: no cache, proxy or stored Idempotency-Key answer keeps it.
    response.headers["Cache-Control"] = "no-store"
    return EndpointView.of(endpoint, with_secret=True)


@router.get("/endpoints", summary="My municipality's endpoints")
async def list_endpoints(
    principal: Integration, webhooks: Webhooks, caller_language: CallerLanguage
) -> list[EndpointView]:
    """Return the tenant's endpoints."""
    return [
        EndpointView.of(e)
        for e in await webhooks.listed(principal, caller_language=caller_language)
    ]


@router.get("/endpoints/{endpoint_id}", summary="One endpoint")
async def get_endpoint(
    endpoint_id: str, principal: Integration, webhooks: Webhooks, caller_language: CallerLanguage
) -> EndpointView:
    """Return one endpoint."""
    return EndpointView.of(
        await webhooks.get(principal, endpoint_id, caller_language=caller_language)
    )


@router.delete(
    "/endpoints/{endpoint_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove an endpoint"
)
async def remove_endpoint(
    endpoint_id: str, principal: Integration, webhooks: Webhooks, caller_language: CallerLanguage
) -> None:
    """Delete an endpoint; deliveries still queued for it are skipped."""
    await webhooks.remove(principal, endpoint_id, caller_language=caller_language)


@router.post("/endpoints/{endpoint_id}/enable", summary="Enable a disabled endpoint")
async def enable_endpoint(
    endpoint_id: str, principal: Integration, webhooks: Webhooks, caller_language: CallerLanguage
) -> EndpointView:
    """Enable an endpoint again after fixing it."""
    return EndpointView.of(
        await webhooks.enable(principal, endpoint_id, caller_language=caller_language)
    )


@router.get("/endpoints/{endpoint_id}/deliveries", summary="Delivery log of an endpoint")
async def list_deliveries(
    endpoint_id: str,
    principal: Integration,
    webhooks: Webhooks,
    caller_language: CallerLanguage,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
) -> list[DeliveryView]:
    """Return the endpoint's newest deliveries."""
    found = await webhooks.deliveries_of(
        principal, endpoint_id, limit=limit, caller_language=caller_language
    )
    return [DeliveryView.of(d) for d in found]


@router.get("/deliveries/{delivery_id}", summary="One delivery with its attempts")
async def get_delivery(
    delivery_id: str, principal: Integration, webhooks: Webhooks, caller_language: CallerLanguage
) -> DeliveryView:
    """Return a delivery and every attempt made."""
    return DeliveryView.of_log(
        await webhooks.delivery(principal, delivery_id, caller_language=caller_language)
    )


@router.post(
    "/deliveries/{delivery_id}/replay",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Send a delivery again",
)
async def replay(
    delivery_id: str,
    principal: Integration,
    webhooks: Webhooks,
    webhook_worker: WebhookWorker,
    caller_language: CallerLanguage,
) -> DeliveryView:
    """Queue a finished delivery for one more attempt with the same webhook-id."""
    found = await webhooks.replay(principal, delivery_id, caller_language=caller_language)
    webhook_worker.wake()
    return DeliveryView.of_log(found)
