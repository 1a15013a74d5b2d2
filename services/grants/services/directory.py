"""Use cases of the read model of organizations and tenants (fed by the registry's events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.grants.domain.applicant import Applicant, TenantRecord
from services.grants.repository import ApplicantDirectory, TenantDirectory
from services.grants.services.common import not_found
from shared.contracts.registry import OrganizationProfile
from shared.logging import get_logger
from shared.outbox import Transaction
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["DirectoryServices"]

log = get_logger(__name__)


@dataclass(frozen=True)
class DirectoryServices:
    """Keep what the registry says about organizations and tenants; answer who may apply."""

    applicants: ApplicantDirectory
    tenants: TenantDirectory

    async def organization_described(
        self,
        transaction: Transaction,
        *,
        home_tenant_id: str,
        organization_id: str,
        profile: OrganizationProfile,
        at: datetime,
    ) -> None:
        """Store an organization's public profile (registration or update)."""
        await self.applicants.put_profile(
            TenantContext(home_tenant_id),
            organization_id,
            profile.model_dump(mode="json"),
            at,
            transaction.session,
        )

    async def organization_status_changed(
        self,
        transaction: Transaction,
        *,
        home_tenant_id: str,
        organization_id: str,
        status: str,
        at: datetime,
    ) -> None:
        """Record the new legal status of an organization of this home tenant."""
        known = await self.applicants.put_status(
            TenantContext(home_tenant_id), organization_id, status, at, transaction.session
        )
        if not known:
            # Unknown here, or another tenant's event naming it: neither may change it.
            log.warning(
                "grants.applicant.unknown",
                organization_id=organization_id,
                tenant_id=home_tenant_id,
                status=status,
            )

    async def tenant_described(self, transaction: Transaction, record: TenantRecord) -> None:
        """Store a tenant and a support centre's member municipalities."""
        await self.tenants.put(record, transaction.session)

    async def applicant(self, principal: Principal, organization_id: str) -> Applicant:
        """Return what grants knows of an organization: to staff, or to its own members."""
        staff = principal.has_role(Role.TENANT_OFFICER, Role.CENTRE_STAFF, Role.PLATFORM_ADMIN)
        applicant = await self.applicants.get(organization_id)
        if applicant is None or not (staff or principal.organization_id == organization_id):
            raise not_found(
                "Nie ma takiej organizacji.",
                "No such organization.",
                organization_id=organization_id,
            )
        return applicant
