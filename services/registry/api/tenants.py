"""Routes about tenants: parse, call one use case, answer."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field

from services.registry.api.deps import Tenants
from services.registry.domain.tenant import Tenant, TenantKind
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute
from shared.text import Line

router = APIRouter(route_class=BodyFieldsRoute, prefix="/tenants", tags=["tenants"])


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


@router.post("", status_code=status.HTTP_201_CREATED, summary="Onboard a tenant")
async def onboard_tenant(
    body: TenantCreate, principal: CurrentPrincipal, use: Tenants, response: Response
) -> TenantView:
    """Onboard a municipality, county or support centre (platform admins)."""
    tenant = await use.onboard(
        principal, tenant_id=body.id, name=body.name, kind=body.kind, member_ids=body.member_ids
    )
    response.headers["Location"] = f"/tenants/{tenant.id}"
    return TenantView.of(tenant)


@router.get("", summary="Tenants I may see")
async def list_tenants(principal: CurrentPrincipal, use: Tenants) -> list[TenantView]:
    """Return all tenants (admins) or one's own and a centre's members."""
    return [TenantView.of(t) for t in await use.visible(principal)]


@router.get("/{tenant_id}", summary="One tenant")
async def get_tenant(tenant_id: str, principal: CurrentPrincipal, use: Tenants) -> TenantView:
    """Return one tenant the caller may see."""
    return TenantView.of(await use.get(principal, tenant_id))


@router.patch("/{tenant_id}", summary="Change a tenant")
async def update_tenant(
    tenant_id: str, body: TenantPatch, principal: CurrentPrincipal, use: Tenants
) -> TenantView:
    """Rename a tenant or change a support centre's members (platform admins)."""
    tenant = await use.update(principal, tenant_id, name=body.name, member_ids=body.member_ids)
    return TenantView.of(tenant)
