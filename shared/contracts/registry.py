"""Events published by the registry service (public data only: contact persons never travel)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.base import EventContract

__all__ = [
    "ORGANIZATION_TOPIC",
    "TENANT_TOPIC",
    "OrganizationDelisted",
    "OrganizationDeregistered",
    "OrganizationListed",
    "OrganizationProfile",
    "OrganizationRegistered",
    "OrganizationStatusChanged",
    "OrganizationUpdated",
    "OrganizationVerificationRefused",
    "TenantOnboarded",
    "TenantUpdated",
]

ORGANIZATION_TOPIC = "registry.organization.v1"
TENANT_TOPIC = "registry.tenant.v1"


class OrganizationProfile(BaseModel):
    """The public profile of an organization, as other services keep it."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str = Field(description="Full registered name.")
    short_name: str | None = Field(None, description="Short or common name.")
    legal_form: str = Field(description="Legal form, e.g. foundation or association.")
    krs: str | None = Field(None, description="KRS number (10 digits), if registered in KRS.")
    nip: str | None = Field(None, description="NIP tax id (10 digits).")
    regon: str | None = Field(None, description="REGON statistical id (9 or 14 digits).")
    status: str = Field("active", description="active, suspended, in_liquidation, deregistered.")
    public_benefit_status: bool = Field(False, description="Has public benefit (OPP) status.")
    municipality_teryt: str | None = Field(None, description="TERYT code of its seat.")
    public_benefit_areas: list[str] = Field(
        default_factory=list, description="Spheres of art. 4 of the Act it works in."
    )
    scope: str | None = Field(None, description="local, county, regional or national.")
    verified: bool = Field(True, description="Verified by a municipality officer.")
    pending_changes: list[str] = Field(
        default_factory=list,
        description=(
            "Identity fields (name, krs, nip, regon) the organization changed and an officer "
            "has not verified yet; the other fields show the last verified values."
        ),
    )


class OrganizationRegistered(EventContract):
    """An organization was registered on the platform."""

    event_type = "pl.ngo.registry.organization.registered"
    topic = ORGANIZATION_TOPIC
    key_field = "organization_id"

    organization_id: str = Field(description="Platform id of the organization.")
    name: str = Field(description="Full registered name.")
    legal_form: str = Field(description="Legal form, e.g. foundation or association.")
    krs: str | None = Field(None, description="KRS number (10 digits), if registered in KRS.")
    nip: str | None = Field(None, description="NIP tax id (10 digits).")
    regon: str | None = Field(None, description="REGON statistical id (9 or 14 digits).")
    registered_by: str = Field(description="Subject (user id) who registered it.")
    registered_at: datetime = Field(description="When it was registered (UTC).")
    profile: OrganizationProfile | None = Field(None, description="Its full public profile.")


class OrganizationUpdated(EventContract):
    """An organization's public profile or verification changed."""

    event_type = "pl.ngo.registry.organization.updated"
    topic = ORGANIZATION_TOPIC
    key_field = "organization_id"

    organization_id: str = Field(description="Platform id of the organization.")
    changed_fields: list[str] = Field(description="Names of the fields that changed.")
    profile: OrganizationProfile = Field(description="The public profile after the change.")
    updated_at: datetime = Field(description="When it changed (UTC).")


class OrganizationVerificationRefused(EventContract):
    """An officer (or a verified organization taking its numbers) refused a verification."""

    event_type = "pl.ngo.registry.organization.verification_refused"
    topic = ORGANIZATION_TOPIC
    key_field = "organization_id"

    organization_id: str = Field(description="Platform id of the organization.")
    refused_fields: list[str] = Field(
        default_factory=list,
        description="Identity fields whose change was refused; empty: the registration itself.",
    )
    reason: str = Field(description="Why, in the words of the officer or the platform.")
    refused_at: datetime = Field(description="When it was refused (UTC).")


class OrganizationStatusChanged(EventContract):
    """An organization became active, suspended, in liquidation or deregistered."""

    event_type = "pl.ngo.registry.organization.status_changed"
    topic = ORGANIZATION_TOPIC
    key_field = "organization_id"

    organization_id: str = Field(description="Platform id of the organization.")
    previous_status: str = Field(description="Status before the change.")
    status: str = Field(description="Status after the change.")
    reason: str | None = Field(None, description="Why, as the officer gave it.")
    changed_at: datetime = Field(description="When it changed (UTC).")


class OrganizationDeregistered(EventContract):
    """An organization was deregistered; its contact persons' data was erased."""

    event_type = "pl.ngo.registry.organization.deregistered"
    topic = ORGANIZATION_TOPIC
    key_field = "organization_id"

    organization_id: str = Field(description="Platform id of the organization.")
    deregistered_at: datetime = Field(description="When it was deregistered (UTC).")


class OrganizationListed(EventContract):
    """A municipality put an organization on its local list (or changed its note)."""

    event_type = "pl.ngo.registry.organization.listed"
    topic = ORGANIZATION_TOPIC
    key_field = "organization_id"

    organization_id: str = Field(description="Platform id of the organization.")
    municipality_id: str = Field(description="TERYT code of the listing municipality.")
    name: str = Field(description="Name of the organization.")
    public_benefit_areas: list[str] = Field(
        default_factory=list, description="Spheres of art. 4 of the Act it works in."
    )
    listed_at: datetime = Field(description="When it was listed (UTC).")


class OrganizationDelisted(EventContract):
    """A municipality took an organization off its local list."""

    event_type = "pl.ngo.registry.organization.delisted"
    topic = ORGANIZATION_TOPIC
    key_field = "organization_id"

    organization_id: str = Field(description="Platform id of the organization.")
    municipality_id: str = Field(description="TERYT code of the municipality.")
    delisted_at: datetime = Field(description="When it was delisted (UTC).")


class TenantOnboarded(EventContract):
    """A municipality, county or support centre joined the platform."""

    event_type = "pl.ngo.registry.tenant.onboarded"
    topic = TENANT_TOPIC
    key_field = "tenant_id"

    tenant_id: str = Field(description="TERYT code (or centre id) of the tenant.")
    name: str = Field(description="Official name.")
    kind: str = Field(description="municipality, county or support_centre.")
    region: str | None = Field(None, description="Voivodeship TERYT code (2 digits).")
    member_ids: list[str] = Field(
        default_factory=list, description="For a support centre: its member municipalities."
    )
    onboarded_at: datetime = Field(description="When it joined (UTC).")


class TenantUpdated(EventContract):
    """A tenant's name or a support centre's member municipalities changed."""

    event_type = "pl.ngo.registry.tenant.updated"
    topic = TENANT_TOPIC
    key_field = "tenant_id"

    tenant_id: str = Field(description="TERYT code (or centre id) of the tenant.")
    name: str = Field(description="Official name after the change.")
    kind: str = Field(description="municipality, county or support_centre.")
    region: str | None = Field(None, description="Voivodeship TERYT code (2 digits).")
    member_ids: list[str] = Field(
        default_factory=list, description="For a support centre: members after the change."
    )
    added_member_ids: list[str] = Field(default_factory=list, description="Members added.")
    removed_member_ids: list[str] = Field(default_factory=list, description="Members removed.")
    updated_at: datetime = Field(description="When it changed (UTC).")
