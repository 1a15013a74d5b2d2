"""What an organization says about itself: the profile and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from services.registry.domain.organization.identifiers import (
    normalize_krs,
    normalize_nip,
    normalize_regon,
)
from services.registry.domain.tenant.teryt import validate_municipality
from shared.public_benefit import PublicBenefitArea

__all__ = [
    "IDENTITY_FIELDS",
    "PRIVATE_FIELDS",
    "Address",
    "ContactPerson",
    "Declarations",
    "LegalForm",
    "Profile",
    "Scope",
    "normalized",
]


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


class Scope(StrEnum):
    """How far an organization's work reaches."""

    LOCAL = "local"
    COUNTY = "county"
    REGIONAL = "regional"
    NATIONAL = "national"


@dataclass(frozen=True)
class Address:
    """Seat of the organization."""

    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    municipality_teryt: str | None = None


@dataclass(frozen=True)
class ContactPerson:
    """A person to contact; personal data, never public, erased on deregistration."""

    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Declarations:
    """The three declarations support centres qualify NGOs by."""

    delivers_social_services: bool = False
    cooperated_with_social_services_centre: bool = False
    ready_to_cooperate: bool = False


@dataclass(frozen=True)
class Profile:
    """Every editable field of an organization."""

    name: str
    legal_form: LegalForm
    short_name: str | None = None
    krs: str | None = None
    nip: str | None = None
    regon: str | None = None
    public_benefit_status: bool = False
    address: Address = field(default_factory=Address)
    public_email: str | None = None
    public_phone: str | None = None
    website: str | None = None
    public_benefit_areas: tuple[PublicBenefitArea, ...] = ()
    target_groups: tuple[str, ...] = ()
    social_services: tuple[str, ...] = ()
    scope: Scope | None = None
    description: str | None = None
    declarations: Declarations = field(default_factory=Declarations)
    contact_persons: tuple[ContactPerson, ...] = ()

    def changed_fields(self, other: Profile) -> list[str]:
        """Return the names of fields whose values differ from `other`."""
        return [f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)]

    def with_changes(self, changes: dict[str, Any]) -> Profile:
        """Return a normalized copy with `changes` applied."""
        return normalized(replace(self, **changes))


PRIVATE_FIELDS = frozenset({"contact_persons"})
# What identifies an organization publicly: a member's change of these is verified again.
IDENTITY_FIELDS = ("name", "krs", "nip", "regon")


def normalized(profile: Profile) -> Profile:
    """Return the profile with identifiers and codes checked and in canonical form."""
    teryt = profile.address.municipality_teryt
    return replace(
        profile,
        name=profile.name.strip(),
        krs=normalize_krs(profile.krs) if profile.krs else None,
        nip=normalize_nip(profile.nip) if profile.nip else None,
        regon=normalize_regon(profile.regon) if profile.regon else None,
        address=replace(
            profile.address,
            municipality_teryt=validate_municipality(teryt, "address.municipality_teryt")
            if teryt
            else None,
        ),
        public_benefit_areas=tuple(dict.fromkeys(profile.public_benefit_areas)),
    )
