"""Routes of the registry API: parse, call one use case, answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from services.registry.api.deps import Officer, Services
from services.registry.api.schemas import OrganizationCreate, OrganizationPublic

router = APIRouter(prefix="/organizations", tags=["organizations"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="Register an organization")
async def register_organization(
    body: OrganizationCreate, officer: Officer, services: Services, response: Response
) -> OrganizationPublic:
    """Register an organization in the officer's municipality."""
    organization = await services.register(officer, **body.model_dump())
    response.headers["Location"] = f"/organizations/{organization.id}"
    return OrganizationPublic.of(organization)


@router.get("/{organization_id}", summary="Show an organization")
async def get_organization(
    organization_id: str, officer: Officer, services: Services
) -> OrganizationPublic:
    """Return one organization of the officer's municipality."""
    return OrganizationPublic.of(await services.get(officer, organization_id))


@router.get("", summary="List organizations")
async def list_organizations(
    officer: Officer,
    services: Services,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 100,
) -> list[OrganizationPublic]:
    """Return the organizations of the officer's municipality."""
    return [OrganizationPublic.of(o) for o in await services.list(officer, limit=limit)]
