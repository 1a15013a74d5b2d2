"""Who may do what in consultations: tenant contexts and participants, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.participants import Participant
from services.consultations.repository import CouncilRepository, TenantDirectory
from shared.errors import Forbidden, NotFound, Text
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["AccessPolicy", "not_found"]


def not_found(what: Text, **ids: str) -> NotFound:
    """Return the answer for an object the caller may not see (no existence leak)."""
    return NotFound(detail=what, extra=dict(ids))


def _forbidden(pl: str, en: str) -> Forbidden:
    return Forbidden(detail=Text(pl, en))


@dataclass(frozen=True)
class AccessPolicy:
    """Resolves the caller's tenant context and the participant they speak as."""

    directory: TenantDirectory
    councils: CouncilRepository

    @staticmethod
    def officer(principal: Principal) -> TenantContext:
        """Return the officer's own municipality, or 403 for anyone else."""
        if not principal.has_role(Role.TENANT_OFFICER):
            raise _forbidden(
                "Wymagana rola: tenant_officer.", "The tenant_officer role is required."
            )
        return principal.tenant

    async def centre(self, principal: Principal) -> TenantContext:
        """Return a support centre's context reading its members, or 403."""
        if not principal.has_role(Role.CENTRE_STAFF):
            raise _forbidden("Wymagana rola: centre_staff.", "The centre_staff role is required.")
        centre = await self.directory.get(principal.tenant_id)
        members = centre.member_ids if centre else ()
        return TenantContext(principal.tenant_id, readable_tenant_ids=members)

    async def reader(self, principal: Principal) -> TenantContext:
        """Return the context of staff who read: an officer's municipality or a centre's members."""
        if principal.has_role(Role.TENANT_OFFICER):
            return principal.tenant
        if principal.has_role(Role.CENTRE_STAFF):
            return await self.centre(principal)
        raise _forbidden(
            "Dostęp mają urzędnicy gminy i pracownicy centrum wsparcia.",
            "Municipality officers and support centre staff only.",
        )

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
