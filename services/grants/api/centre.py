"""Routes of support-centre staff (read-only) and of what grants knows of organizations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.grants.api.deps import Centre, Directory
from services.grants.api.schemas.public import ApplicantView, FundsTotalsView
from shared.http.deps import CurrentPrincipal
from shared.public_benefit import PublicBenefitArea

router = APIRouter(tags=["support centre"])


@router.get(
    "/centre/funds",
    summary="Funds by area, municipality and year",
    responses={404: {"description": "The municipality is not one of the centre's members."}},
)
async def funds(
    principal: CurrentPrincipal,
    use: Centre,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="One year only.")] = None,
    municipality: Annotated[str | None, Query(description="One member municipality.")] = None,
    area: Annotated[PublicBenefitArea | None, Query(description="One sphere only.")] = None,
) -> FundsTotalsView:
    """Return funds announced and granted across the centre's member municipalities."""
    totals = await use.funds(principal, year=year, municipality_id=municipality, area=area)
    return FundsTotalsView.of(totals)


@router.get("/applicants/{organization_id}", summary="An organization as grants knows it")
async def applicant(
    organization_id: str, principal: CurrentPrincipal, use: Directory
) -> ApplicantView:
    """Return the organization's status from the registry's events and whether it may apply."""
    return ApplicantView.of(await use.applicant(principal, organization_id))
