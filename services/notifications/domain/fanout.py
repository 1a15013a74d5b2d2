"""Who hears of a notice, through which channel: one inbox item per tenant, e-mails at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from services.notifications.domain.inbox import InboxItem, item_for
from services.notifications.domain.notice import Notice
from services.notifications.domain.recipients import Recipient

__all__ = ["FanoutPlan", "plan_fanout"]


@dataclass(frozen=True)
class FanoutPlan:
    """The inbox items and immediate e-mails one notice makes."""

    items: list[InboxItem]
    emails: list[Recipient]


def plan_fanout(
    notice: Notice,
    *,
    default_keys: set[str],
    recipients: Iterable[tuple[Recipient, frozenset[str]]],
    now: datetime,
) -> FanoutPlan:
    """Plan the delivery of a notice.

    `default_keys` reach everyone on role defaults in the notice's tenant; `recipients` are
    the known people of that tenant and those watching it from elsewhere, each with their
    organization's areas. A known person whose own choice differs from the default is added
    by name, or excluded by name.
    """
    audience, excluded = set(default_keys), set()
    elsewhere: dict[str, set[str]] = defaultdict(set)
    emails: list[Recipient] = []
    for recipient, organization_areas in recipients:
        delivery = recipient.delivery(notice, organization_areas)
        at_home = recipient.tenant_id == notice.tenant_id
        covered = at_home and bool(recipient.keys & default_keys)
        if delivery.inbox and not covered:
            target = audience if at_home else elsewhere[recipient.tenant_id]
            target.add(f"user:{recipient.subject}")
        elif covered and not delivery.inbox:
            excluded.add(recipient.subject)
        if delivery.email_now and recipient.email:
            emails.append(recipient)
    items = []
    if audience:
        items.append(
            item_for(
                notice,
                tenant_id=notice.tenant_id,
                audience=audience,
                excluded=excluded,
                created_at=now,
            )
        )
    for tenant_id, keys in sorted(elsewhere.items()):
        items.append(item_for(notice, tenant_id=tenant_id, audience=keys, created_at=now))
    return FanoutPlan(items=items, emails=emails)
