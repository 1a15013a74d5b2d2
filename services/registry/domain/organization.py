"""The Organization aggregate: an NGO known to the platform."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from services.registry.domain.identifiers import normalize_krs, normalize_nip, normalize_regon
from shared.context import new_id
from shared.contracts.registry import OrganizationRegistered

__all__ = ["LegalForm", "Organization", "register_organization"]


class LegalForm(StrEnum):
    """Legal forms of organizations acting under art. 3 of the Act."""

    FOUNDATION = "foundation"
    ASSOCIATION = "association"
    ORDINARY_ASSOCIATION = "ordinary_association"
    CHURCH_LEGAL_PERSON = "church_legal_person"
    SOCIAL_COOPERATIVE = "social_cooperative"
    SPORTS_CLUB = "sports_club"
    LOCAL_ACTION_GROUP = "local_action_group"
    OTHER = "other"


@dataclass
class Organization:
    """An organization registered by a tenant."""

    id: str
    tenant_id: str
    name: str
    legal_form: LegalForm
    krs: str | None
    nip: str | None
    regon: str | None
    registered_by: str
    registered_at: datetime
    events: list[OrganizationRegistered] = field(default_factory=list, compare=False)


def register_organization(
    *,
    tenant_id: str,
    name: str,
    legal_form: LegalForm,
    krs: str | None,
    nip: str | None,
    regon: str | None,
    registered_by: str,
) -> Organization:
    """Create an organization with checked identifiers and record its registration event."""
    organization = Organization(
        id=new_id(),
        tenant_id=tenant_id,
        name=name.strip(),
        legal_form=legal_form,
        krs=normalize_krs(krs) if krs else None,
        nip=normalize_nip(nip) if nip else None,
        regon=normalize_regon(regon) if regon else None,
        registered_by=registered_by,
        registered_at=datetime.now(UTC),
    )
    organization.events.append(
        OrganizationRegistered(
            organization_id=organization.id,
            name=organization.name,
            legal_form=organization.legal_form.value,
            krs=organization.krs,
            nip=organization.nip,
            regon=organization.regon,
            registered_by=registered_by,
            registered_at=organization.registered_at,
        )
    )
    return organization
