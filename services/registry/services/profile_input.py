"""The organization profile as callers send it: one shape for the API and the CSV import."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.registry.domain.organization.profile import (
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
    "REQUIRED_IN_PROFILE",
    "AddressBody",
    "ContactPersonBody",
    "DeclarationsBody",
    "Email",
    "OrganizationCreate",
    "Phone",
    "ShortText",
    "StrictBody",
    "Url",
    "profile_kwargs",
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


class StrictBody(BaseModel):
    """A request body that refuses unknown fields and strips whitespace."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AddressBody(StrictBody):
    """Seat of the organization."""

    street: Line | None = Field(None, max_length=200, description="Street and number.")
    postal_code: Line | None = Field(None, pattern=r"^[0-9]{2}-[0-9]{3}$", description="00-000.")
    city: Line | None = Field(None, max_length=100, description="City or village.")
    municipality_teryt: Line | None = Field(None, description="TERYT code (7 digits) of the gmina.")


class ContactPersonBody(StrictBody):
    """A contact person (private: never public, never in events)."""

    name: ShortText = Field(description="Full name.")
    role: Line | None = Field(None, max_length=100, description="Role, e.g. president.")
    email: Email | None = Field(None, description="E-mail.")
    phone: Phone | None = Field(None, description="Phone.")


class DeclarationsBody(StrictBody):
    """The declarations support centres qualify NGOs by."""

    delivers_social_services: bool = Field(False, description="Delivers social services.")
    cooperated_with_social_services_centre: bool = Field(
        False, description="Has cooperated with the municipal social services centre (CUS/OPS)."
    )
    ready_to_cooperate: bool = Field(False, description="Ready to take part.")


class _ProfileFields(StrictBody):
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
        return Profile(**profile_kwargs(self.model_dump(exclude={"needs_assessment"})))


REQUIRED_IN_PROFILE = (
    "name", "legal_form", "public_benefit_status", "address", "public_benefit_areas",
    "target_groups", "social_services", "declarations", "contact_persons",
)  # fmt: skip


def profile_kwargs(raw: dict[str, Any]) -> dict[str, Any]:
    """Return profile fields as the domain types take them."""
    converters: dict[str, Any] = {
        "address": lambda v: Address(**v),
        "declarations": lambda v: Declarations(**v),
        "contact_persons": lambda v: tuple(ContactPerson(**c) for c in v),
        "public_benefit_areas": tuple,
        "target_groups": tuple,
        "social_services": tuple,
    }
    return {k: converters[k](v) if k in converters and v is not None else v for k, v in raw.items()}
