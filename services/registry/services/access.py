"""Who may see and change which organizations: the registry's access rules in one place."""

from __future__ import annotations

from dataclasses import dataclass

from services.registry.domain.organization import Organization
from services.registry.repository import OrganizationRepository, TenantRecords
from shared.errors import Forbidden, NotFound, Text
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["AccessPolicy", "not_found"]

_STAFF = (Role.TENANT_OFFICER, Role.CENTRE_STAFF, Role.PLATFORM_ADMIN)


def not_found(organization_id: str) -> NotFound:
    """Return the answer for an organization the caller may not see (no existence leak)."""
    return NotFound(
        detail=Text("Nie ma takiej organizacji.", "No such organization."),
        extra={"organization_id": organization_id},
    )


@dataclass(frozen=True)
class AccessPolicy:
    """Resolves the caller's tenant context and loads organizations they may see or edit."""

    organizations: OrganizationRepository
    tenants: TenantRecords

    async def context(self, principal: Principal) -> TenantContext:
        """Return the caller's context; a support centre also reads its members' data."""
        if principal.has_role(Role.CENTRE_STAFF):
            centre = await self.tenants.get(principal.tenant_id)
            members = tuple(centre.member_ids) if centre else ()
            return TenantContext(principal.tenant_id, readable_tenant_ids=members)
        return principal.tenant

    async def readable(self, principal: Principal, organization_id: str) -> Organization:
        """Return an organization the caller may read, or 404."""
        organization = None
        if principal.organization_id == organization_id:
            organization = await self.organizations.get_own(organization_id)
        elif principal.has_role(*_STAFF):
            context = await self.context(principal)
            organization = await self.organizations.get_visible(context, organization_id)
        if organization is None:
            raise not_found(organization_id)
        return organization

    async def editable(self, principal: Principal, organization_id: str) -> Organization:
        """Return an organization the caller may edit: an NGO its own, an officer its list's."""
        organization = await self.readable(principal, organization_id)
        if principal.organization_id == organization_id:
            return organization
        if self.is_officer_of(principal, organization):
            return organization
        raise Forbidden(
            detail=Text(
                "Tę organizację zmieniają jej członkowie i urzędnicy gmin, na których liście jest.",
                "Only its members and officers of municipalities listing it may change it.",
            )
        )

    @staticmethod
    def is_officer_of(principal: Principal, organization: Organization) -> bool:
        """Return whether the caller is an officer of a tenant that owns or lists it."""
        tenants = {organization.home_tenant_id, *organization.listed_in}
        return principal.has_role(Role.TENANT_OFFICER) and principal.tenant_id in tenants
