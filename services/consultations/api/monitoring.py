"""Routes of participation monitoring and of the yearly report on the cooperation programme."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from services.consultations.api.deps import AnnualReports, Language, Monitoring
from services.consultations.api.schemas.monitoring import (
    AnnualReportView,
    CentreFiguresView,
    MunicipalityFiguresView,
    OrganizationFiguresView,
    SectionText,
)
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, tags=["participation monitoring"])
Year = Annotated[int, Path(ge=2000, le=2100, description="Calendar (programme) year.")]


@router.get(
    "/monitoring/municipalities/{tenant_id}/years/{year}", summary="A municipality's figures"
)
async def municipality_figures(
    tenant_id: str, year: Year, principal: CurrentPrincipal, use: Monitoring
) -> MunicipalityFiguresView:
    """Return a municipality's year: totals and per organization (officers, its centre)."""
    return MunicipalityFiguresView.of(await use.municipality(principal, tenant_id, year))


@router.get("/monitoring/centre/years/{year}", summary="Compare the centre's members")
async def centre_figures(
    year: Year, principal: CurrentPrincipal, use: Monitoring
) -> CentreFiguresView:
    """Return every member municipality's figures of one year, side by side."""
    members = await use.centre(principal, year)
    return CentreFiguresView(
        year=year, municipalities=[MunicipalityFiguresView.of(m) for m in members]
    )


@router.get(
    "/monitoring/organizations/{organization_id}/years/{year}", summary="An organization's figures"
)
async def organization_figures(
    organization_id: str, year: Year, principal: CurrentPrincipal, use: Monitoring
) -> list[OrganizationFiguresView]:
    """Return an organization's figures per municipality (staff, or its own members)."""
    found, name = await use.organization(principal, organization_id, year)
    return [OrganizationFiguresView.of(f, name) for f in found]


@router.put("/annual-reports/{year}", summary="Assemble the yearly report draft")
async def assemble_annual_report(
    year: Year, principal: CurrentPrincipal, use: AnnualReports, language: Language
) -> AnnualReportView:
    """Assemble the draft from today's figures, keeping the sections already written."""
    found = await use.assemble(principal, year)
    return AnnualReportView.of(found.report, language, found.today)


@router.get("/annual-reports/{year}", summary="The yearly report draft")
async def get_annual_report(
    year: Year, principal: CurrentPrincipal, use: AnnualReports, language: Language
) -> AnnualReportView:
    """Return the officer's draft report on the programme of one year."""
    found = await use.get(principal, year)
    return AnnualReportView.of(found.report, language, found.today)


@router.patch("/annual-reports/{year}/sections/{section}", summary="Write a section")
async def write_section(
    year: Year,
    section: str,
    body: SectionText,
    principal: CurrentPrincipal,
    use: AnnualReports,
    language: Language,
) -> AnnualReportView:
    """Write the officer's text of one section of the draft."""
    found = await use.write(principal, year, section, body.text)
    return AnnualReportView.of(found.report, language, found.today)
