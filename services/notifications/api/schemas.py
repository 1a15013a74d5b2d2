"""Response bodies of the notifications API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from services.notifications.services import InboxView

__all__ = ["InboxItemPublic", "UnreadCount"]


class InboxItemPublic(BaseModel):
    """An inbox item in the caller's language."""

    id: str = Field(description="Item id.")
    event_type: str = Field(description="Type of the event that raised it.")
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
            title=item.title.in_language(language),
            body=item.body.in_language(language),
            link=item.link,
            created_at=item.created_at,
            read=view.read,
        )


class UnreadCount(BaseModel):
    """How many items wait unread."""

    unread: int = Field(description="Unread items.")
