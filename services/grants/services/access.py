"""Who may do what in the grants service: the roles and tenants of callers, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from services.grants.domain.applicant import Applicant, unknown_applicant
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.repository import ApplicantDirectory, CompetitionRepository, TenantDirectory
from services.grants.services.common import not_found
from shared.errors import Forbidden, Text
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["Access", "competition_not_found", "require_member", "require_officer"]


def require_officer(principal: Principal) -> TenantContext:
    """Return the officer's own tenant, or 403 for anybody else."""
    if not principal.has_role(Role.TENANT_OFFICER):
        raise Forbidden(
            detail=Text("Wymagana rola: tenant_officer.", "The tenant_officer role is required.")
        )
    return principal.tenant


def require_member(principal: Principal) -> str:
    """Return the organization an NGO member acts for, or 403."""
    if not principal.has_role(Role.NGO_MEMBER) or not principal.organization_id:
        raise Forbidden(
            detail=Text(
                "Wymagana rola ngo_member i organizacja w tokenie.",
                "The ngo_member role and an organization in the token are required.",
            )
        )
    return principal.organization_id


def competition_not_found(competition_id: str) -> Exception:
    """Return the answer for a competition the caller may not see."""
    return not_found(
        "Nie ma takiego konkursu.", "No such competition.", competition_id=competition_id
    )


@dataclass(frozen=True)
class Access:
    """Loads what a caller may read, resolving support centres' member municipalities."""

    competitions: CompetitionRepository
    applicants: ApplicantDirectory
    tenants: TenantDirectory

    async def reading_context(self, principal: Principal) -> TenantContext:
        """Return the tenants the caller reads; a support centre reads its members."""
        if principal.has_role(Role.CENTRE_STAFF):
            centre = await self.tenants.get(principal.tenant_id)
            members = centre.member_ids if centre else ()
            return TenantContext(principal.tenant_id, readable_tenant_ids=members)
        return principal.tenant

    async def competition(self, principal: Principal, competition_id: str) -> Competition:
        """Return a competition the caller may read: drafts are the officers' only."""
        context = await self.reading_context(principal)
        competition = await self.competitions.get_visible(context, competition_id)
        own_officer = principal.has_role(Role.TENANT_OFFICER) and (
            competition is not None and competition.tenant_id == principal.tenant_id
        )
        if competition is None or (competition.state is CompetitionState.DRAFT and not own_officer):
            raise competition_not_found(competition_id)
        return competition

    async def applicant(self, organization_id: str) -> Applicant:
        """Return the caller's organization if it may apply, or 409 saying why not."""
        applicant = await self.applicants.get(organization_id)
        if applicant is None:
            raise unknown_applicant(organization_id)
        applicant.ensure_may_apply()
        return applicant
