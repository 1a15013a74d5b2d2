"""Fakes of the inbox and its read marks."""

from __future__ import annotations

from typing import Any

from services.notifications.domain.inbox import InboxItem
from services.notifications.repository.inbox_streams import InboxPage
from shared.tenancy import Principal
from tests.support.fakes import Snapshotted


class FakeInbox(Snapshotted):
    """Inbox items by id, each reaching the people its audience names."""

    def __init__(self, *items: InboxItem) -> None:
        self.items = {i.id: i for i in items}

    async def entries(self, principal: Principal, *, after: Any, limit: int) -> InboxPage[str]:
        newest = sorted(self.items.values(), key=lambda i: i.created_at, reverse=True)
        ids = [i.id for i in newest if i.tenant_id == principal.tenant_id and i.is_for(principal)]
        return InboxPage(ids[:limit], None)

    async def for_principal(
        self, principal: Principal, *, after: Any, limit: int
    ) -> InboxPage[InboxItem]:
        page = await self.entries(principal, after=after, limit=limit)
        return InboxPage([self.items[i] for i in page.items], None)

    async def add(self, items: list[InboxItem], session: Any) -> None:
        for item in items:
            self.items.setdefault(item.id, item)

    async def get(self, principal: Principal, item_id: str) -> InboxItem | None:
        found = self.items.get(item_id)
        if found is None or found.tenant_id != principal.tenant_id:
            return None
        return found if found.is_for(principal) else None


class FakeReadMarks(Snapshotted):
    """Which items each person has read."""

    def __init__(self) -> None:
        self.read: set[tuple[str, str, str]] = set()

    async def mark(self, principal: Principal, item_id: str) -> None:
        self.read.add((principal.tenant_id, principal.subject, item_id))

    async def read_ids(self, principal: Principal, item_ids: list[str]) -> set[str]:
        return {i for i in item_ids if (principal.tenant_id, principal.subject, i) in self.read}
