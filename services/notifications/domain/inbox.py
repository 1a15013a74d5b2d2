"""Inbox items: what a user sees in the platform, addressed to a user or to a role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.contracts.registry import OrganizationRegistered
from shared.errors import Text
from shared.tenancy import Principal, Role

__all__ = ["InboxItem", "item_for_registered_organization"]


@dataclass(frozen=True)
class InboxItem:
    """One message in a tenant's inbox."""

    id: str
    tenant_id: str
    event_id: str
    event_type: str
    audience_roles: frozenset[Role]
    audience_user: str | None
    title: Text
    body: Text
    link: str | None
    created_at: datetime

    def is_for(self, principal: Principal) -> bool:
        """Return whether the principal is among the item's recipients."""
        if self.tenant_id != principal.tenant_id:
            return False
        if self.audience_user is not None:
            return self.audience_user == principal.subject
        return bool(self.audience_roles.intersection(principal.roles))


def item_for_registered_organization(
    event: OrganizationRegistered, *, tenant_id: str, event_id: str, received_at: datetime
) -> InboxItem:
    """Tell the tenant's officers that an organization joined their registry."""
    return InboxItem(
        id=f"{event_id}:officers",
        tenant_id=tenant_id,
        event_id=event_id,
        event_type=event.event_type,
        audience_roles=frozenset({Role.TENANT_OFFICER}),
        audience_user=None,
        title=Text(f"Nowa organizacja: {event.name}", f"New organization: {event.name}"),
        body=Text(
            f"Organizacja {event.name} została zarejestrowana w rejestrze gminy.",
            f"The organization {event.name} was registered in the municipality's registry.",
        ),
        link=f"/organizations/{event.organization_id}",
        created_at=received_at,
    )
