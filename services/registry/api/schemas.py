"""Request and response bodies of the registry API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

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
from shared.text import Line, Paragraph

__all__ = [
    "ListNote",
    "OrganizationCreate",
    "OrganizationPatch",
    "OrganizationView",
    "Refusal",
    "StatusChange",
]

ShortText = Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Email = Annotated[
    Line,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
]
Phone = Annotated[Line, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{6,20}$")]
Url = Annotated[
    Line, StringConstraints(strip_whitespace=True, max_length=300, pattern=r"^https?://\S+$")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AddressBody(_Strict):
    """Seat of the organization."""

    street: Line | None = Field(None, max_length=200, description="Street and number.")
    postal_code: Line | None = Field(None, pattern=r"^[0-9]{2}-[0-9]{3}$", description="00-000.")
    city: Line | None = Field(None, max_length=100, description="City or village.")
    municipality_teryt: Line | None = Field(None, description="TERYT code (7 digits) of the gmina.")


class ContactPersonBody(_Strict):
    """A contact person (private: never public, never in events)."""

    name: ShortText = Field(description="Full name.")
    role: Line | None = Field(None, max_length=100, description="Role, e.g. president.")
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
    short_name: Line | None = Field(None, max_length=100, description="Short or common name.")
    krs: Line | None = Field(None, max_length=20, description="KRS number, 10 digits.")
    nip: Line | None = Field(None, max_length=20, description="NIP, 10 digits with checksum.")
    regon: Line | None = Field(None, max_length=20, description="REGON, 9 or 14 digits.")
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
    description: Paragraph | None = Field(None, max_length=5000, description="What it does.")
    declarations: DeclarationsBody = Field(default_factory=DeclarationsBody)
    contact_persons: list[ContactPersonBody] = Field(default_factory=list, max_length=10)


class OrganizationCreate(_ProfileFields):
    """An organization to register."""

    name: Line = Field(min_length=3, max_length=300, description="Full registered name.")
    legal_form: LegalForm = Field(description="Legal form.")
    needs_assessment: Paragraph | None = Field(
        None, max_length=2000, description="Needs-and-potential note for the local list."
    )

    def to_profile(self) -> Profile:
        """Return the domain profile."""
        return Profile(**_profile_kwargs(self.model_dump(exclude={"needs_assessment"})))


_REQUIRED_IN_PROFILE = (
    "name", "legal_form", "public_benefit_status", "address", "public_benefit_areas",
    "target_groups", "social_services", "declarations", "contact_persons",
)  # fmt: skip


class OrganizationPatch(_Strict):
    """Fields to change; omitted fields stay as they are."""

    name: Line | None = Field(None, min_length=3, max_length=300)
    legal_form: LegalForm | None = None
    short_name: Line | None = Field(None, max_length=100)
    krs: Line | None = Field(None, max_length=20)
    nip: Line | None = Field(None, max_length=20)
    regon: Line | None = Field(None, max_length=20)
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
    description: Paragraph | None = Field(None, max_length=5000)
    declarations: DeclarationsBody | None = None
    contact_persons: list[ContactPersonBody] | None = Field(None, max_length=10)

    @field_validator(*_REQUIRED_IN_PROFILE, mode="before")
    @classmethod
    def _refuse_null(cls, value: Any) -> Any:
        # Omit a field to keep it; null would erase a value the profile cannot do without.
        if value is None:
            raise PydanticCustomError("null_not_allowed", "Field cannot be null")
        return value

    def to_changes(self) -> dict[str, Any]:
        """Return the domain field values that were sent."""
        return _profile_kwargs(self.model_dump(exclude_unset=True))


class StatusChange(_Strict):
    """A new legal status."""

    status: Status = Field(description="New status.")
    reason: Paragraph | None = Field(None, max_length=1000, description="Why.")


class Refusal(_Strict):
    """Why a verification is refused."""

    reason: Paragraph = Field(min_length=3, max_length=1000, description="Why, for its members.")


class ListNote(_Strict):
    """A local-list entry's note."""

    needs_assessment: Paragraph | None = Field(
        None, max_length=2000, description="Needs and potential."
    )


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


class AddressView(BaseModel):
    """Seat of the organization, as stored."""

    street: str | None
    postal_code: str | None
    city: str | None
    municipality_teryt: str | None


class ContactPersonView(BaseModel):
    """A contact person, as stored (never public)."""

    name: str
    role: str | None
    email: str | None
    phone: str | None


class DeclarationsView(BaseModel):
    """The declarations, as stored."""

    delivers_social_services: bool
    cooperated_with_social_services_centre: bool
    ready_to_cooperate: bool


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
    address: AddressView
    public_email: str | None
    public_phone: str | None
    website: str | None
    public_benefit_areas: list[PublicBenefitArea]
    target_groups: list[str]
    social_services: list[str]
    scope: Scope | None
    description: str | None
    declarations: DeclarationsView
    contact_persons: list[ContactPersonView]
    status: Status
    verified: bool
    pending_changes: dict[str, str | None] = Field(
        description="Name or numbers a member changed, awaiting an officer's verification."
    )
    verification_refusal: str | None = Field(description="Why verification was last refused.")
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
            address=AddressView.model_validate(profile.address, from_attributes=True),
            public_email=profile.public_email,
            public_phone=profile.public_phone,
            website=profile.website,
            public_benefit_areas=list(profile.public_benefit_areas),
            target_groups=list(profile.target_groups),
            social_services=list(profile.social_services),
            scope=profile.scope,
            description=profile.description,
            declarations=DeclarationsView.model_validate(
                profile.declarations, from_attributes=True
            ),
            contact_persons=[
                ContactPersonView.model_validate(c, from_attributes=True)
                for c in profile.contact_persons
            ],
            status=organization.status,
            verified=organization.verified,
            pending_changes=dict(organization.pending_identity),
            verification_refusal=organization.verification_refusal,
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
