"""Inbox items made and written as the consumer writes them, for tests of the read side."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from services.notifications.domain.inbox import InboxItem
from services.notifications.repository import InboxRepository
from shared.errors import Text
from shared.outbox import Transaction
from tests.support.services import ServiceClient

__all__ = ["OFFICERS", "inbox_item", "write_items"]

OFFICERS = "role:tenant_officer"
_numbers = itertools.count(1)
_START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def inbox_item(tenant_id: str, *audience: str, excluded: tuple[str, ...] = ()) -> InboxItem:
    """Return an item for the tenant's officers (or `audience`), a minute newer than the last."""
    number = next(_numbers)
    return InboxItem(
        id=f"item-{tenant_id}-{number}",
        tenant_id=tenant_id,
        notice_key=f"notice-{number}",
        event_id=f"event-{number}",
        event_type="pl.ngo.registry.organization.registered",
        kind="organization_registered",
        audience=frozenset(audience or {OFFICERS}),
        excluded=frozenset(excluded),
        title=Text(f"Wiadomość {number}", f"Message {number}"),
        body=Text("Treść", "Body"),
        link=f"/organizations/{number}",
        created_at=_START + timedelta(minutes=number),
    )


async def write_items(notifications: ServiceClient, *items: InboxItem) -> list[str]:
    """Write items as the consumer does (items and their stream entries in one transaction)."""
    repository = InboxRepository(notifications.database)

    async def unit(transaction: Transaction) -> None:
        await repository.add(list(items), transaction.session)

    await notifications.runtime.transactions.run(unit)
    return [item.id for item in items]
