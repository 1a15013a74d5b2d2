"""Who may act in which tenant: the checks every service repeats, with their answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from shared.errors import Forbidden, NotFound, Text
from shared.tenancy import Principal, Role, TenantContext

__all__ = [
    "CENTRE_STAFF_REQUIRED",
    "MEMBER_REQUIRED",
    "NOT_A_MEMBER_MUNICIPALITY",
    "OFFICER_REQUIRED",
    "STAFF_ONLY",
    "Centres",
    "TenantLookup",
    "forbidden",
    "not_found",
    "require_centre_staff",
    "require_member",
    "require_officer",
]

OFFICER_REQUIRED = Text("Wymagana rola: tenant_officer.", "The tenant_officer role is required.")
CENTRE_STAFF_REQUIRED = Text("Wymagana rola: centre_staff.", "The centre_staff role is required.")
MEMBER_REQUIRED = Text(
    "Wymagana rola ngo_member i organizacja w tokenie.",
    "The ngo_member role and an organization in the token are required.",
)
STAFF_ONLY = Text(
    "Dostęp mają urzędnicy gminy i pracownicy centrum wsparcia.",
    "Municipality officers and support centre staff only.",
)
NOT_A_MEMBER_MUNICIPALITY = Text(
    "Ta gmina nie należy do centrum.", "This municipality is not a member of the centre."
)


def not_found(what: Text, **ids: object) -> NotFound:
    """Return the 404 for something the caller may not see (it never says whether it exists)."""
    return NotFound(detail=what, extra=dict(ids))


def forbidden(what: Text) -> Forbidden:
    """Return the 403 for a caller whose role does not allow the action."""
    return Forbidden(detail=what)


def require_officer(principal: Principal) -> TenantContext:
    """Return the officer's own municipality, or 403 for anybody else."""
    if not principal.has_role(Role.TENANT_OFFICER):
        raise forbidden(OFFICER_REQUIRED)
    return principal.tenant


def require_centre_staff(principal: Principal) -> None:
    """Refuse (403) anybody but the staff of a support centre."""
    if not principal.has_role(Role.CENTRE_STAFF):
        raise forbidden(CENTRE_STAFF_REQUIRED)


def require_member(principal: Principal) -> str:
    """Return the organization an NGO member acts for, or 403."""
    if not principal.has_role(Role.NGO_MEMBER) or not principal.organization_id:
        raise forbidden(MEMBER_REQUIRED)
    return principal.organization_id


class TenantLookup(Protocol):
    """Finds a tenant of the service's read model; a centre's record lists its members."""

    async def get(self, tenant_id: str) -> Any | None:
        """Return the tenant (with `member_ids`), or None when unknown."""
        ...


@dataclass(frozen=True)
class Centres:
    """Resolves what a support centre's staff read: the data of its member municipalities."""

    tenants: TenantLookup

    async def members_of(self, tenant_id: str) -> tuple[str, ...]:
        """Return the member municipalities of a centre (none for an unknown tenant)."""
        record = await self.tenants.get(tenant_id)
        return tuple(record.member_ids) if record else ()

    async def reading(self, principal: Principal) -> TenantContext:
        """Return the tenants the caller reads; centre staff also read their members."""
        if principal.has_role(Role.CENTRE_STAFF):
            members = await self.members_of(principal.tenant_id)
            return TenantContext(principal.tenant_id, readable_tenant_ids=members)
        return principal.tenant

    async def centre(self, principal: Principal) -> TenantContext:
        """Return a centre's context reading its members, or 403 for anybody else."""
        require_centre_staff(principal)
        members = await self.members_of(principal.tenant_id)
        return TenantContext(principal.tenant_id, readable_tenant_ids=members)

    async def staff(self, principal: Principal) -> TenantContext:
        """Return an officer's municipality or a centre's members; 403 for anybody else."""
        if principal.has_role(Role.TENANT_OFFICER):
            return principal.tenant
        if principal.has_role(Role.CENTRE_STAFF):
            return await self.centre(principal)
        raise forbidden(STAFF_ONLY)

    async def municipality(
        self, principal: Principal, municipality_id: str | None
    ) -> TenantContext:
        """Return a centre's members, or one of them if named (404 for a non-member); else 403."""
        context = await self.centre(principal)
        if municipality_id is None:
            return context
        if municipality_id not in context.readable_tenant_ids:
            raise not_found(NOT_A_MEMBER_MUNICIPALITY, municipality_id=municipality_id)
        return TenantContext(municipality_id)
