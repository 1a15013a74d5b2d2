"""Who may do what in consultations: staff contexts (shared) and participants (here)."""

from __future__ import annotations

from dataclasses import dataclass

from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.participants import Participant
from services.consultations.repository import CouncilRepository
from shared.access import Centres, forbidden
from shared.errors import Forbidden, Text
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["Access"]


def _forbidden(pl: str, en: str) -> Forbidden:
    return forbidden(Text(pl, en))


@dataclass(frozen=True)
class Access(Centres):
    """The kernel's centre and staff checks, and the participant a caller speaks as."""

    councils: CouncilRepository

    async def participant(
        self, principal: Principal, consultation: Consultation, *, as_council_member: bool
    ) -> Participant:
        """Return who the caller speaks as in `consultation`, or 403."""
        if as_council_member:
            return await self._council_member(principal, consultation)
        if principal.has_role(Role.NGO_MEMBER):
            if principal.organization_id is None:
                raise _forbidden(
                    "Token nie wskazuje organizacji, w imieniu której występujesz.",
                    "The token names no organization to speak for.",
                )
            return Participant.for_organization(principal.subject, principal.organization_id)
        if principal.roles:
            raise _forbidden(
                "Urzędnicy i pracownicy nie zgłaszają uwag; robią to organizacje i mieszkańcy.",
                "Staff do not take part; organizations and residents do.",
            )
        if principal.tenant_id != consultation.tenant_id:
            raise _forbidden(
                "W konsultacjach gminy biorą udział jej mieszkańcy.",
                "Only residents of the municipality take part in its consultations.",
            )
        return Participant.resident(principal.subject)

    async def _council_member(
        self, principal: Principal, consultation: Consultation
    ) -> Participant:
        tenant = TenantContext(consultation.tenant_id)
        council = await self.councils.get(tenant, consultation.tenant_id)
        if council is None or not council.is_member(principal.subject):
            raise _forbidden(
                "Nie jesteś na liście członków rady działalności pożytku publicznego tej gminy.",
                "You are not on this municipality's list of public benefit council members.",
            )
        return Participant.council_member(principal.subject)
