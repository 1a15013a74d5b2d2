"""Routes of the notifications API: parse, call one use case, answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from services.notifications.api.deps import Services
from services.notifications.api.schemas import InboxItemPublic, UnreadCount
from shared.http.deps import CurrentPrincipal
from shared.http.problems import request_language

router = APIRouter(prefix="/inbox", tags=["inbox"])


@router.get("", summary="My inbox")
async def list_inbox(
    request: Request,
    principal: CurrentPrincipal,
    services: Services,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
) -> list[InboxItemPublic]:
    """Return the caller's newest inbox items."""
    language = request_language(request)
    views = await services.list_inbox(principal, limit=limit)
    return [InboxItemPublic.of(v, language) for v in views]


@router.get("/unread-count", summary="How many unread")
async def unread_count(principal: CurrentPrincipal, services: Services) -> UnreadCount:
    """Return the number of unread items."""
    return UnreadCount(unread=await services.unread_count(principal))


@router.post("/{item_id}/read", status_code=status.HTTP_204_NO_CONTENT, summary="Mark read")
async def mark_read(item_id: str, principal: CurrentPrincipal, services: Services) -> None:
    """Mark one item read."""
    await services.mark_read(principal, item_id)
