"""Use cases of the read model of organizations and tenants (fed by the registry's events)."""

from __future__ import annotations

from dataclasses import dataclass

from services.grants.domain.applicant import Applicant
from services.grants.repository import ApplicantDirectory, TenantDirectory
from shared.access import not_found
from shared.directory.handlers import Directory
from shared.errors import Text
from shared.tenancy import Principal, Role

__all__ = ["DirectoryServices"]


@dataclass(frozen=True)
class DirectoryServices:
    """Keep what the registry says about organizations and tenants; answer who may apply."""

    applicants: ApplicantDirectory
    tenants: TenantDirectory

    @property
    def directory(self) -> Directory:
        """Return the stores the registry's event handlers keep."""
        return Directory(tenants=self.tenants, organizations=self.applicants)

    async def applicant(self, principal: Principal, organization_id: str) -> Applicant:
        """Return what grants knows of an organization: to staff, or to its own members."""
        staff = principal.has_role(Role.TENANT_OFFICER, Role.CENTRE_STAFF, Role.PLATFORM_ADMIN)
        applicant = await self.applicants.get(organization_id)
        if applicant is None or not (staff or principal.organization_id == organization_id):
            raise not_found(
                Text("Nie ma takiej organizacji.", "No such organization."),
                organization_id=organization_id,
            )
        return applicant
