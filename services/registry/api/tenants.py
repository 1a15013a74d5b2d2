"""Routes about tenants: parse, call one use case, answer."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from services.registry.api.deps import Tenants
from services.registry.api.schemas.tenants import TenantCreate, TenantPatch, TenantView
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, prefix="/tenants", tags=["tenants"])


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
