"""Who is calling and on behalf of which tenant: built from verified token claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Principal", "Role", "TenantContext"]


class Role(StrEnum):
    """Platform roles carried in the `roles` claim."""

    PLATFORM_ADMIN = "platform_admin"
    TENANT_OFFICER = "tenant_officer"
    CENTRE_STAFF = "centre_staff"
    NGO_MEMBER = "ngo_member"
    COMMITTEE_MEMBER = "committee_member"
    INTEGRATION = "integration"


@dataclass(frozen=True)
class TenantContext:
    """The tenant a repository call is scoped to, and the others it may read."""

    tenant_id: str
    # A support centre reads the data of its member municipalities, never writes it.
    readable_tenant_ids: tuple[str, ...] = ()

    @property
    def visible_tenant_ids(self) -> tuple[str, ...]:
        """Return every tenant whose data this context may read."""
        return (self.tenant_id, *self.readable_tenant_ids)


@dataclass(frozen=True)
class Principal:
    """An authenticated caller."""

    subject: str
    tenant_id: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    organization_id: str | None = None
    name: str | None = None
    email: str | None = None

    @property
    def tenant(self) -> TenantContext:
        """Return the caller's home tenant context."""
        return TenantContext(self.tenant_id)

    def has_role(self, *roles: Role) -> bool:
        """Return whether the caller holds any of `roles`."""
        return bool(self.roles.intersection(roles))
