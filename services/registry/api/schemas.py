"""Request and response bodies of the registry API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from services.registry.domain.organization import LegalForm, Organization

__all__ = ["OrganizationCreate", "OrganizationPublic"]


class OrganizationCreate(BaseModel):
    """An organization to register."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=3, max_length=300, description="Full registered name.")
    legal_form: LegalForm = Field(description="Legal form.")
    krs: str | None = Field(None, max_length=20, description="KRS number, 10 digits.")
    nip: str | None = Field(None, max_length=20, description="NIP, 10 digits with checksum.")
    regon: str | None = Field(None, max_length=20, description="REGON, 9 or 14 digits.")


class OrganizationPublic(BaseModel):
    """An organization as the API shows it."""

    id: str = Field(description="Platform id.")
    tenant_id: str = Field(description="TERYT code of the tenant that registered it.")
    name: str = Field(description="Full registered name.")
    legal_form: LegalForm = Field(description="Legal form.")
    krs: str | None = Field(description="KRS number.")
    nip: str | None = Field(description="NIP.")
    regon: str | None = Field(description="REGON.")
    registered_at: datetime = Field(description="When it was registered.")

    @classmethod
    def of(cls, organization: Organization) -> OrganizationPublic:
        """Build the public view of an organization."""
        return cls(
            id=organization.id,
            tenant_id=organization.tenant_id,
            name=organization.name,
            legal_form=organization.legal_form,
            krs=organization.krs,
            nip=organization.nip,
            regon=organization.regon,
            registered_at=organization.registered_at,
        )
