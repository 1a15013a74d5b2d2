"""Reading one's inbox."""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.domain.inbox import InboxItem
from services.notifications.domain.inbox_order import InboxCursor
from services.notifications.repository import InboxRepository, ReadMarkRepository
from services.notifications.services.callers import Callers
from shared.errors import NotFound, Text
from shared.tenancy import Principal

__all__ = ["InboxPageView", "InboxServices", "InboxView"]

# The unread count looks this far back: a bounded read, whatever the inbox's size.
UNREAD_WINDOW = 500


@dataclass(frozen=True)
class InboxView:
    """An inbox item with the caller's read state."""

    item: InboxItem
    read: bool


@dataclass(frozen=True)
class InboxPageView:
    """A page of the caller's inbox and the cursor of the next one."""

    views: list[InboxView]
    next: InboxCursor | None


@dataclass(frozen=True)
class InboxServices:
    """The inbox use cases."""

    inbox: InboxRepository
    read_marks: ReadMarkRepository
    callers: Callers

    async def list_inbox(
        self,
        principal: Principal,
        *,
        limit: int,
        after: InboxCursor | None = None,
        caller_language: str | None = None,
    ) -> InboxPageView:
        """Return a page of the caller's inbox, newest first, with read flags."""
        await self.callers.remember(principal, caller_language)
        found = await self.inbox.for_principal(principal, after=after, limit=limit)
        read = await self.read_marks.read_ids(principal, [i.id for i in found.items])
        return InboxPageView([InboxView(i, i.id in read) for i in found.items], found.next)

    async def unread_count(self, principal: Principal, caller_language: str | None = None) -> int:
        """Return how many of the caller's latest 500 items are unread."""
        await self.callers.remember(principal, caller_language)
        page = await self.inbox.entries(principal, after=None, limit=UNREAD_WINDOW)
        read = await self.read_marks.read_ids(principal, page.items)
        return sum(item_id not in read for item_id in page.items)

    async def mark_read(
        self, principal: Principal, item_id: str, caller_language: str | None = None
    ) -> None:
        """Mark one of the caller's items read."""
        await self.callers.remember(principal, caller_language)
        if await self.inbox.get(principal, item_id) is None:
            raise NotFound(detail=Text("Nie ma takiej wiadomości.", "No such inbox item."))
        await self.read_marks.mark(principal, item_id)
