"""Request and response bodies of the registry API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from services.registry.domain.organization.organization import Organization, Status
from services.registry.domain.organization.profile import LegalForm, Scope
from services.registry.services.profile_input import (
    REQUIRED_IN_PROFILE,
    AddressBody,
    ContactPersonBody,
    DeclarationsBody,
    Email,
    OrganizationCreate,
    Phone,
    ShortText,
    StrictBody,
    Url,
    profile_kwargs,
)
from shared.public_benefit import PublicBenefitArea
from shared.text import Line, Paragraph

__all__ = [
    "AuditEntryView",
    "ListNote",
    "OrganizationCreate",
    "OrganizationPatch",
    "OrganizationView",
    "Refusal",
    "StatusChange",
]


class OrganizationPatch(StrictBody):
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

    @field_validator(*REQUIRED_IN_PROFILE, mode="before")
    @classmethod
    def _refuse_null(cls, value: Any) -> Any:
        # Omit a field to keep it; null would erase a value the profile cannot do without.
        if value is None:
            raise PydanticCustomError("null_not_allowed", "Field cannot be null")
        return value

    def to_changes(self) -> dict[str, Any]:
        """Return the domain field values that were sent."""
        return profile_kwargs(self.model_dump(exclude_unset=True))


class StatusChange(StrictBody):
    """A new legal status."""

    status: Status = Field(description="New status.")
    reason: Paragraph | None = Field(None, max_length=1000, description="Why.")


class Refusal(StrictBody):
    """Why a verification is refused."""

    reason: Paragraph = Field(min_length=3, max_length=1000, description="Why, for its members.")


class ListNote(StrictBody):
    """A local-list entry's note."""

    needs_assessment: Paragraph | None = Field(
        None, max_length=2000, description="Needs and potential."
    )


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


class AuditEntryView(BaseModel):
    """One change in an organization's audit trail."""

    action: str = Field(description="What happened.")
    fields: list[str] = Field(description="Fields it touched.")
    actor: str = Field(description="Who did it (user id).")
    actor_tenant_id: str = Field(description="On behalf of which tenant.")
    at: str = Field(description="When (ISO 8601).")
