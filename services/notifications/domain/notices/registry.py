"""Notices of the registry's events."""

from __future__ import annotations

from services.notifications.domain.notice import Notice
from services.notifications.domain.notices._base import K, WriterBase, notice_of
from services.notifications.domain.projections import Origin
from shared.contracts.registry import OrganizationRegistered
from shared.errors import Text

__all__ = ["RegistryNotices"]


class RegistryNotices(WriterBase):
    """Words the notices of the registry's events."""

    def organization_registered(self, origin: Origin, event: OrganizationRegistered) -> Notice:
        """Tell the municipality's officers that an organization joined their registry."""
        name = event.name
        areas = event.profile.public_benefit_areas if event.profile else []
        return notice_of(
            origin,
            K.ORGANIZATION_REGISTERED,
            origin.event_id,
            Text(f"Nowa organizacja: {name}", f"New organization: {name}"),
            Text(
                f"Organizacja {name} została zarejestrowana w rejestrze gminy.",
                f"The organization {name} was registered in the municipality's registry.",
            ),
            link=f"/organizations/{event.organization_id}",
            areas=frozenset(areas),
            facts={"name": name},
        )
