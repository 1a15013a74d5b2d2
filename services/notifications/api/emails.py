"""Routes of the municipality's e-mail log (officers): what was sent, and what failed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.notifications.api.deps import CallerLanguage, Emails, Officer
from services.notifications.services.email_log import EmailDelivery
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, prefix="/email-deliveries", tags=["e-mail"])


class EmailDeliveryView(BaseModel):
    """One e-mail to one person."""

    id: str = Field(description="Id of the delivery.")
    to: str = Field(description="Address it went or goes to.")
    about: str = Field(description="Title of the notice, or the digest's period.")
    state: str = Field(description="queued, sent, or failed (no more attempts).")
    attempts: int = Field(description="Attempts so far.")
    attempt_limit: int = Field(description="Attempts before it counts as failed.")
    error: str | None = Field(description="The last error, if any.")
    created_at: datetime = Field(description="When it was queued (UTC).")

    @classmethod
    def of(cls, delivery: EmailDelivery) -> EmailDeliveryView:
        """Describe a delivery."""
        return cls(
            id=delivery.id,
            to=delivery.to,
            about=delivery.about,
            state=delivery.state,
            attempts=delivery.attempts,
            attempt_limit=delivery.attempt_limit,
            error=delivery.error,
            created_at=datetime.fromtimestamp(delivery.created_at, UTC),
        )


@router.get("", summary="The municipality's e-mails, newest first (e.g. ?state=failed)")
async def listed(
    principal: Officer,
    emails: Emails,
    caller_language: CallerLanguage,
    state: Annotated[
        Literal["queued", "sent", "failed"] | None, Query(description="Only this state.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many.")] = 100,
) -> list[EmailDeliveryView]:
    """Return the tenant's e-mails, so an officer sees which could not be delivered."""
    found = await emails.listed(
        principal, state=state, limit=limit, caller_language=caller_language
    )
    return [EmailDeliveryView.of(d) for d in found]
