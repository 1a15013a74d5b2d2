"""Request and response bodies of the registry API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.registry.domain.organization import Organization, Status
from services.registry.domain.profile import (
    Address,
    ContactPerson,
    Declarations,
    LegalForm,
    Profile,
    Scope,
)
from shared.public_benefit import PublicBenefitArea

__all__ = [
    "ListNote",
    "OrganizationCreate",
    "OrganizationPatch",
    "OrganizationView",
    "StatusChange",
]

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{6,20}$")]
Url = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=300, pattern=r"^https?://\S+$")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AddressBody(_Strict):
    """Seat of the organization."""

    street: str | None = Field(None, max_length=200, description="Street and number.")
    postal_code: str | None = Field(None, pattern=r"^[0-9]{2}-[0-9]{3}$", description="00-000.")
    city: str | None = Field(None, max_length=100, description="City or village.")
    municipality_teryt: str | None = Field(None, description="TERYT code (7 digits) of the gmina.")


class ContactPersonBody(_Strict):
    """A contact person (private: never public, never in events)."""

    name: ShortText = Field(description="Full name.")
    role: str | None = Field(None, max_length=100, description="Role, e.g. president.")
    email: Email | None = Field(None, description="E-mail.")
    phone: Phone | None = Field(None, description="Phone.")


class DeclarationsBody(_Strict):
    """The declarations support centres qualify NGOs by."""

    delivers_social_services: bool = Field(False, description="Delivers social services.")
    cooperated_with_social_services_centre: bool = Field(
        False, description="Has cooperated with the municipal social services centre (CUS/OPS)."
    )
    ready_to_cooperate: bool = Field(False, description="Ready to take part.")


class _ProfileFields(_Strict):
    short_name: str | None = Field(None, max_length=100, description="Short or common name.")
    krs: str | None = Field(None, max_length=20, description="KRS number, 10 digits.")
    nip: str | None = Field(None, max_length=20, description="NIP, 10 digits with checksum.")
    regon: str | None = Field(None, max_length=20, description="REGON, 9 or 14 digits.")
    public_benefit_status: bool = Field(False, description="Has public benefit (OPP) status.")
    address: AddressBody = Field(default_factory=AddressBody, description="Seat.")
    public_email: Email | None = Field(None, description="Public contact e-mail.")
    public_phone: Phone | None = Field(None, description="Public contact phone.")
    website: Url | None = Field(None, description="Website.")
    public_benefit_areas: list[PublicBenefitArea] = Field(
        default_factory=list,
        max_length=len(PublicBenefitArea),
        description="Spheres of art. 4 of the Act.",
    )
    target_groups: list[ShortText] = Field(default_factory=list, max_length=30)
    social_services: list[ShortText] = Field(default_factory=list, max_length=30)
    scope: Scope | None = Field(None, description="How far its work reaches.")
    description: str | None = Field(None, max_length=5000, description="What it does.")
    declarations: DeclarationsBody = Field(default_factory=DeclarationsBody)
    contact_persons: list[ContactPersonBody] = Field(default_factory=list, max_length=10)


class OrganizationCreate(_ProfileFields):
    """An organization to register."""

    name: str = Field(min_length=3, max_length=300, description="Full registered name.")
    legal_form: LegalForm = Field(description="Legal form.")
    needs_assessment: str | None = Field(
        None, max_length=2000, description="Needs-and-potential note for the local list."
    )

    def to_profile(self) -> Profile:
        """Return the domain profile."""
        return Profile(**_profile_kwargs(self.model_dump(exclude={"needs_assessment"})))


class OrganizationPatch(_Strict):
    """Fields to change; omitted fields stay as they are."""

    name: str | None = Field(None, min_length=3, max_length=300)
    legal_form: LegalForm | None = None
    short_name: str | None = Field(None, max_length=100)
    krs: str | None = Field(None, max_length=20)
    nip: str | None = Field(None, max_length=20)
    regon: str | None = Field(None, max_length=20)
    public_benefit_status: bool | None = None
    address: AddressBody | None = None
    public_email: Email | None = None
    public_phone: Phone | None = None
    website: Url | None = None
    public_benefit_areas: list[PublicBenefitArea] | None = Field(
        None, max_length=len(PublicBenefitArea)
    )
    target_groups: list[ShortText] | None = Field(None, max_length=30)
    social_services: list[ShortText] | None = Field(None, max_length=30)
    scope: Scope | None = None
    description: str | None = Field(None, max_length=5000)
    declarations: DeclarationsBody | None = None
    contact_persons: list[ContactPersonBody] | None = Field(None, max_length=10)

    def to_changes(self) -> dict[str, Any]:
        """Return the domain field values that were sent."""
        return _profile_kwargs(self.model_dump(exclude_unset=True))


class StatusChange(_Strict):
    """A new legal status."""

    status: Status = Field(description="New status.")
    reason: str | None = Field(None, max_length=1000, description="Why.")


class ListNote(_Strict):
    """A local-list entry's note."""

    needs_assessment: str | None = Field(None, max_length=2000, description="Needs and potential.")


def _profile_kwargs(raw: dict[str, Any]) -> dict[str, Any]:
    converters: dict[str, Any] = {
        "address": lambda v: Address(**v),
        "declarations": lambda v: Declarations(**v),
        "contact_persons": lambda v: tuple(ContactPerson(**c) for c in v),
        "public_benefit_areas": tuple,
        "target_groups": tuple,
        "social_services": tuple,
    }
    return {k: converters[k](v) if k in converters and v is not None else v for k, v in raw.items()}


class ListEntryView(BaseModel):
    """An organization's entry on one municipality's local list."""

    municipality_id: str
    needs_assessment: str | None
    listed_at: datetime


class OrganizationView(BaseModel):
    """An organization as staff and its own members see it (contact persons included)."""

    id: str = Field(description="Platform id.")
    tenant_id: str = Field(description="Tenant that registered it.")
    name: str
    short_name: str | None
    legal_form: LegalForm
    krs: str | None
    nip: str | None
    regon: str | None
    public_benefit_status: bool
    address: AddressBody
    public_email: str | None
    public_phone: str | None
    website: str | None
    public_benefit_areas: list[PublicBenefitArea]
    target_groups: list[str]
    social_services: list[str]
    scope: Scope | None
    description: str | None
    declarations: DeclarationsBody
    contact_persons: list[ContactPersonBody]
    status: Status
    verified: bool
    local_lists: list[ListEntryView]
    registered_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, organization: Organization, notes_of: frozenset[str]) -> OrganizationView:
        """Render an organization; list notes only of the municipalities in `notes_of`."""
        profile = organization.profile
        return cls(
            id=organization.id,
            tenant_id=organization.home_tenant_id,
            name=profile.name,
            short_name=profile.short_name,
            legal_form=profile.legal_form,
            krs=profile.krs,
            nip=profile.nip,
            regon=profile.regon,
            public_benefit_status=profile.public_benefit_status,
            address=AddressBody.model_validate(profile.address, from_attributes=True),
            public_email=profile.public_email,
            public_phone=profile.public_phone,
            website=profile.website,
            public_benefit_areas=list(profile.public_benefit_areas),
            target_groups=list(profile.target_groups),
            social_services=list(profile.social_services),
            scope=profile.scope,
            description=profile.description,
            declarations=DeclarationsBody.model_validate(
                profile.declarations, from_attributes=True
            ),
            contact_persons=[
                ContactPersonBody.model_validate(c, from_attributes=True)
                for c in profile.contact_persons
            ],
            status=organization.status,
            verified=organization.verified,
            local_lists=[
                ListEntryView(
                    municipality_id=e.municipality_id,
                    needs_assessment=e.needs_assessment if e.municipality_id in notes_of else None,
                    listed_at=e.listed_at,
                )
                for e in organization.local_lists.values()
            ],
            registered_at=organization.registered_at,
            updated_at=organization.updated_at,
            version=organization.version,
        )
