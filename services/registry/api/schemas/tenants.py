"""Bodies of the tenant routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from services.registry.domain.tenant.tenant import Tenant, TenantKind
from shared.text import Line

__all__ = ["TenantCreate", "TenantPatch", "TenantView"]


class TenantCreate(BaseModel):
    """A tenant to onboard."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: Line = Field(description="TERYT code: 7 digits (gmina), 4 (powiat); centre-<woj>-<name>.")
    name: Line = Field(description="Official name.")
    kind: TenantKind = Field(description="municipality, county or support_centre.")
    member_ids: list[Line] = Field(
        default_factory=list, max_length=500, description="A centre's member municipalities."
    )


class TenantPatch(BaseModel):
    """Changes to a tenant."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Line | None = Field(None, description="New name.")
    member_ids: list[Line] | None = Field(None, max_length=500, description="A centre's members.")


class TenantView(BaseModel):
    """A tenant."""

    id: str
    name: str
    kind: TenantKind
    region: str = Field(description="Voivodeship TERYT code.")
    member_ids: list[str]
    onboarded_at: datetime

    @classmethod
    def of(cls, tenant: Tenant) -> TenantView:
        """Render a tenant."""
        return cls(
            id=tenant.id,
            name=tenant.name,
            kind=tenant.kind,
            region=tenant.region,
            member_ids=tenant.member_ids,
            onboarded_at=tenant.onboarded_at,
        )
