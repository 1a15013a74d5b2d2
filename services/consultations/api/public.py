"""Public routes: no token; opened consultations and published reports (JSON and HTML)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from services.consultations.api.deps import Public
from services.consultations.api.schemas.consultations import ConsultationView
from services.consultations.api.schemas.index import RoundView
from services.consultations.api.schemas.reports import ReportView
from services.consultations.domain.consultation.consultation import ConsultationState
from shared.http.rate_limit import rate_limit
from shared.http.routing import BodyFieldsRoute
from shared.search.analysis import words
from shared.search.http import SearchText

router = APIRouter(
    route_class=BodyFieldsRoute,
    prefix="/public/municipalities/{tenant_id}",
    tags=["public"],
    dependencies=[rate_limit("public_reads")],
)
TenantId = Annotated[str, Path(max_length=64, description="TERYT code of the municipality.")]


@router.get("/consultations", summary="A municipality's consultations")
async def public_consultations(
    tenant_id: TenantId,
    use: Public,
    state: ConsultationState | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    q: SearchText = None,
) -> list[ConsultationView]:
    """Return a municipality's opened consultations, newest first; with `q`, best match first."""
    if q and words(q):
        matches = await use.search(tenant_id, q, state=state, limit=limit)
        return [ConsultationView.of_consultation(c, marks) for c, marks in matches]
    found = await use.consultations_of(tenant_id, state=state, limit=limit)
    return [ConsultationView.of_consultation(c) for c in found]


@router.get("/consultations/{consultation_id}", summary="One consultation")
async def public_consultation(
    tenant_id: TenantId, consultation_id: str, use: Public
) -> ConsultationView:
    """Return one opened consultation with its document."""
    return ConsultationView.of_consultation(await use.consultation(tenant_id, consultation_id))


@router.get("/consultations/{consultation_id}/report", summary="The consultation report")
async def public_report(tenant_id: TenantId, consultation_id: str, use: Public) -> ReportView:
    """Return a published report: every comment with its answer, participation, survey."""
    return ReportView.of(await use.report(tenant_id, consultation_id))


@router.get(
    "/consultations/{consultation_id}/report.html",
    summary="The consultation report as a page",
    response_class=HTMLResponse,
)
async def public_report_page(
    tenant_id: TenantId, consultation_id: str, use: Public
) -> HTMLResponse:
    """Return a published report as a readable page in Polish."""
    return HTMLResponse(await use.report_page(tenant_id, consultation_id))


@router.get("/index-rounds/{round_id}", summary="A published cooperation-quality result")
async def public_index_round(tenant_id: TenantId, round_id: str, use: Public) -> RoundView:
    """Return a published assessment round: its scores per area and overall, its conclusions."""
    return RoundView.of(await use.published_round(tenant_id, round_id))
