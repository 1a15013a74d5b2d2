"""Routes of the inbox: parse, call one use case, answer."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, Field

from services.notifications.api.deps import Caller, CallerLanguage, Inbox
from services.notifications.domain.inbox_order import InboxCursor
from services.notifications.services import InboxView
from shared.errors import InvalidInput
from shared.http.cursors import PageCursor, PageSize, decode_cursor, link_next
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
    inbox: Inbox,
    caller_language: CallerLanguage,
    limit: PageSize = 50,
    cursor: PageCursor = None,
) -> list[InboxItemPublic]:
    """Return the caller's inbox, newest first; the next page's address is in `Link`."""
    language = request_language(request)
    found = await inbox.list_inbox(
        principal, limit=limit, after=_after(cursor), caller_language=caller_language
    )
    key = found.next.to_key() if found.next is not None else None
    link_next(response, "/inbox", key, {"limit": limit})
    return [InboxItemPublic.of(v, language) for v in found.views]


def _after(cursor: str | None) -> InboxCursor | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return InboxCursor.from_key(key)
    except ValueError:
        # Decodes, but the inbox cannot have made it: the same 422 as an undecodable one.
        raise InvalidInput.for_field(
            "query.cursor", "Nieprawidłowy kursor.", "Invalid cursor.", "cursor"
        ) from None


@router.get("/unread-count", summary="How many unread")
async def unread_count(
    principal: Caller, inbox: Inbox, caller_language: CallerLanguage
) -> UnreadCount:
    """Return the number of unread items."""
    return UnreadCount(unread=await inbox.unread_count(principal, caller_language=caller_language))


@router.post("/{item_id}/read", status_code=status.HTTP_204_NO_CONTENT, summary="Mark read")
async def mark_read(
    item_id: str, principal: Caller, inbox: Inbox, caller_language: CallerLanguage
) -> None:
    """Mark one item read."""
    await inbox.mark_read(principal, item_id, caller_language=caller_language)
