"""Routes of the inbox: parse, call one use case, answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel, Field

from services.notifications.api.deps import Caller, Services
from services.notifications.domain.inbox_order import InboxCursor
from services.notifications.services import InboxView
from shared.http.cursors import decode_cursor, encode_cursor, invalid_cursor
from shared.http.problems import request_language
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, prefix="/inbox", tags=["inbox"])


class InboxItemPublic(BaseModel):
    """An inbox item in the caller's language."""

    id: str = Field(description="Item id.")
    event_type: str = Field(description="Type of the event that raised it.")
    kind: str = Field(description="Kind of notice, as in subscriptions.")
    title: str = Field(description="Short title.")
    body: str = Field(description="Message text.")
    link: str | None = Field(description="Path of the object it is about.")
    created_at: datetime = Field(description="When it arrived.")
    read: bool = Field(description="Whether the caller has read it.")

    @classmethod
    def of(cls, view: InboxView, language: str) -> InboxItemPublic:
        """Render an item for the caller."""
        item = view.item
        return cls(
            id=item.id,
            event_type=item.event_type,
            kind=item.kind,
            title=item.title.in_language(language),
            body=item.body.in_language(language),
            link=item.link,
            created_at=item.created_at,
            read=view.read,
        )


class UnreadCount(BaseModel):
    """How many items wait unread."""

    unread: int = Field(description="Unread items.")


@router.get("", summary="My inbox")
async def list_inbox(
    request: Request,
    response: Response,
    principal: Caller,
    services: Services,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
    cursor: Annotated[
        str | None,
        Query(max_length=2000, description='From the `Link: <...>; rel="next"` header.'),
    ] = None,
) -> list[InboxItemPublic]:
    """Return the caller's inbox, newest first; the next page's address is in `Link`."""
    language = request_language(request)
    found = await services.inbox.list_inbox(principal, limit=limit, after=_after(cursor))
    if found.next is not None:
        query = urlencode({"cursor": encode_cursor(found.next.to_key()), "limit": limit})
        response.headers["Link"] = f'</inbox?{query}>; rel="next"'
    return [InboxItemPublic.of(v, language) for v in found.views]


def _after(cursor: str | None) -> InboxCursor | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return InboxCursor.from_key(key)
    except ValueError:
        raise invalid_cursor() from None


@router.get("/unread-count", summary="How many unread")
async def unread_count(principal: Caller, services: Services) -> UnreadCount:
    """Return the number of unread items."""
    return UnreadCount(unread=await services.inbox.unread_count(principal))


@router.post("/{item_id}/read", status_code=status.HTTP_204_NO_CONTENT, summary="Mark read")
async def mark_read(item_id: str, principal: Caller, services: Services) -> None:
    """Mark one item read."""
    await services.inbox.mark_read(principal, item_id)
