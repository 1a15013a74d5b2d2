"""Reading one's inbox."""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.domain.inbox import InboxItem
from services.notifications.repository import InboxRepository, ReadMarkRepository
from shared.errors import NotFound, Text
from shared.tenancy import Principal

__all__ = ["InboxServices", "InboxView"]


@dataclass(frozen=True)
class InboxView:
    """An inbox item with the caller's read state."""

    item: InboxItem
    read: bool


@dataclass(frozen=True)
class InboxServices:
    """The inbox use cases."""

    inbox: InboxRepository
    read_marks: ReadMarkRepository

    async def list_inbox(self, principal: Principal, *, limit: int) -> list[InboxView]:
        """Return the caller's newest inbox items with read flags."""
        items = await self.inbox.for_principal(principal, limit=limit)
        read = await self.read_marks.read_ids(principal, [i.id for i in items])
        return [InboxView(item, item.id in read) for item in items]

    async def unread_count(self, principal: Principal) -> int:
        """Return how many of the caller's latest 500 items are unread."""
        views = await self.list_inbox(principal, limit=500)
        return sum(not v.read for v in views)

    async def mark_read(self, principal: Principal, item_id: str) -> None:
        """Mark one of the caller's items read."""
        if await self.inbox.get(principal, item_id) is None:
            raise NotFound(detail=Text("Nie ma takiej wiadomości.", "No such inbox item."))
        await self.read_marks.mark(principal, item_id)
