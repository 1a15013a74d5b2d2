"""Inbox items: what people see in the platform, addressed by audience keys.

An item reaches everyone holding one of its audience keys (`user:<subject>`, `role:<role>`,
`org:<organization>`) in its tenant, except the subjects listed as excluded (people whose
own subscription turned the role's default off).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from services.notifications.domain.notice import Notice
from services.notifications.domain.recipients import audience_keys
from services.notifications.domain.wording import item_id
from shared.errors import Text
from shared.tenancy import Principal

__all__ = ["InboxItem", "item_for"]


@dataclass(frozen=True)
class InboxItem:
    """One message in a tenant's inbox."""

    id: str
    tenant_id: str
    notice_key: str
    event_id: str
    event_type: str
    kind: str
    audience: frozenset[str]
    excluded: frozenset[str]
    title: Text
    body: Text
    link: str | None
    created_at: datetime

    def is_for(self, principal: Principal) -> bool:
        """Return whether the principal is among the item's recipients."""
        if self.tenant_id != principal.tenant_id or principal.subject in self.excluded:
            return False
        keys = audience_keys(principal.subject, principal.roles, principal.organization_id)
        return bool(self.audience & keys)


def item_for(
    notice: Notice,
    *,
    tenant_id: str,
    audience: Iterable[str],
    excluded: Iterable[str] = (),
    created_at: datetime,
) -> InboxItem:
    """Return the inbox item of a notice in one tenant."""
    return InboxItem(
        id=item_id(notice.key, tenant_id),
        tenant_id=tenant_id,
        notice_key=notice.key,
        event_id=notice.event_id,
        event_type=notice.event_type,
        kind=notice.kind.value,
        audience=frozenset(audience),
        excluded=frozenset(excluded),
        title=notice.title,
        body=notice.body,
        link=notice.link,
        created_at=created_at,
    )
