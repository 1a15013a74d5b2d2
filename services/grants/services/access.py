"""Who may do what in the grants service: the roles and tenants of callers, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from services.grants.domain.applicant import Applicant, ensure_may_apply, unknown_applicant
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.repository import ApplicantDirectory, CompetitionRepository, TenantDirectory
from shared.access import Centres, not_found
from shared.errors import Text
from shared.tenancy import Principal, Role

__all__ = ["Access", "competition_not_found"]


def competition_not_found(competition_id: str) -> Exception:
    """Return the answer for a competition the caller may not see."""
    return not_found(
        Text("Nie ma takiego konkursu.", "No such competition."), competition_id=competition_id
    )


@dataclass(frozen=True)
class Access:
    """Loads what a caller may read, resolving support centres' member municipalities."""

    competitions: CompetitionRepository
    applicants: ApplicantDirectory
    tenants: TenantDirectory

    @property
    def centres(self) -> Centres:
        """Return the support centres' view: staff read their member municipalities."""
        return Centres(self.tenants)

    async def competition(self, principal: Principal, competition_id: str) -> Competition:
        """Return a competition the caller may read: drafts are the officers' only."""
        context = await self.centres.reading(principal)
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
        ensure_may_apply(applicant)
        return applicant
