"""Who may see and change which organizations: the registry's access rules in one place."""

from __future__ import annotations

from dataclasses import dataclass

from services.registry.domain.organization.organization import Organization
from services.registry.repository import OrganizationRepository
from shared.access import Centres, forbidden, not_found
from shared.errors import NotFound, Text
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["Access", "organization_not_found"]

_STAFF = (Role.TENANT_OFFICER, Role.CENTRE_STAFF, Role.PLATFORM_ADMIN)
NO_SUCH_ORGANIZATION = Text("Nie ma takiej organizacji.", "No such organization.")
HOME_ONLY = Text(
    "Tę organizację zmieniają jej członkowie i urzędnicy jej gminy macierzystej.",
    "Only its members and officers of its home municipality may change it.",
)


def organization_not_found(organization_id: str) -> NotFound:
    """Return the answer for an organization the caller may not see (no existence leak)."""
    return not_found(NO_SUCH_ORGANIZATION, organization_id=organization_id)


@dataclass(frozen=True)
class Access:
    """Resolves the caller's tenant context and loads organizations they may see or edit."""

    organizations: OrganizationRepository
    centres: Centres

    async def context(self, principal: Principal) -> TenantContext:
        """Return the caller's context; a support centre also reads its members' data."""
        return await self.centres.reading(principal)

    async def readable(self, principal: Principal, organization_id: str) -> Organization:
        """Return an organization the caller may read, or 404."""
        organization = None
        if principal.organization_id == organization_id:
            organization = await self.organizations.get_own(organization_id)
        elif principal.has_role(*_STAFF):
            context = await self.context(principal)
            organization = await self.organizations.get_visible(context, organization_id)
        elif principal.has_role(Role.NGO_MEMBER):
            organization = await self._registered_by(principal, organization_id)
        if organization is None:
            raise organization_not_found(organization_id)
        return organization

    async def _registered_by(
        self, principal: Principal, organization_id: str
    ) -> Organization | None:
        # Who self-registered an organization follows its verification before joining it.
        found = await self.organizations.get_own(organization_id)
        if found is None or found.registered_by != principal.subject:
            return None
        return found if found.is_owned_by(principal.tenant_id) else None

    async def editable(self, principal: Principal, organization_id: str) -> Organization:
        """Return an organization whose profile the caller may change: its members' or home's."""
        organization = await self.readable(principal, organization_id)
        if principal.organization_id == organization_id:
            return organization
        return self._owned(principal, organization)

    async def owned(self, principal: Principal, organization_id: str) -> Organization:
        """Return an organization whose status and verification the caller decides (home only)."""
        return self._owned(principal, await self.readable(principal, organization_id))

    @staticmethod
    def is_home_officer(principal: Principal, organization: Organization) -> bool:
        """Return whether the caller is an officer of the organization's home municipality."""
        return principal.has_role(Role.TENANT_OFFICER) and organization.is_owned_by(
            principal.tenant_id
        )

    @staticmethod
    def may_see_holder(principal: Principal, *, holder_id: str, holder_tenant_id: str) -> bool:
        """Return whether the caller may learn which organization holds a number."""
        if principal.organization_id == holder_id:
            return True
        return principal.has_role(Role.TENANT_OFFICER) and principal.tenant_id == holder_tenant_id

    def _owned(self, principal: Principal, organization: Organization) -> Organization:
        if self.is_home_officer(principal, organization):
            return organization
        raise forbidden(HOME_ONLY)
