"""The public NGO database: search (htmx as you type), filters, pages, profiles, CSV, Atom."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse, StreamingResponse
from starlette.background import BackgroundTask

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal
from services.portal.api.forms import FieldErrors
from services.portal.api.pages.feeds import atom_feed
from services.portal.api.pages.notice_targets import unverified_organization
from services.portal.api.rendering.labels import LEGAL_FORMS
from services.portal.api.rendering.templates import page, render
from shared.public_benefit import PublicBenefitArea

router = APIRouter()
_FILTERS = ("q", "municipality", "area", "legal_form", "opp", "cursor")
PAGE_SIZE = 20


def _filters(request: Request) -> dict[str, str]:
    return {k: v[:800] for k in _FILTERS if (v := request.query_params.get(k))}


@router.get("/organizations", response_class=HTMLResponse)
async def search(request: Request) -> HTMLResponse:
    """Search the verified organizations; an htmx request gets only the results."""
    filters = _filters(request)
    results: dict[str, Any] = {"items": [], "next_cursor": None}
    errors = FieldErrors()
    try:
        results = await portal(request).backends.json(
            "public_organizations",
            params={**filters, "limit": PAGE_SIZE},
            language=request.state.session.language,
        )
    except BackendProblem as problem:
        if problem.status != 422:
            raise
        errors = FieldErrors.of(problem, _FILTERS)
    plain = {k: v for k, v in filters.items() if k != "cursor"}
    context = {
        "filters": filters,
        "plain_filters": plain,
        "results": results,
        "errors": errors,
        "areas": [a.value for a in PublicBenefitArea],
        "legal_forms": list(LEGAL_FORMS),
        "municipalities": portal(request).settings.municipality_names(),
    }
    # A history restore wants the whole page; every other htmx request only the results.
    partial = request.headers.get("hx-request") and not request.headers.get(
        "hx-history-restore-request"
    )
    if partial and not errors:
        answer = render(request, "organizations_results.html", context)
    else:
        status = 422 if errors else 200
        answer = await page(request, "organizations.html", context, status_code=status)
    answer.headers["Vary"] = "HX-Request"  # a cached fragment must never stand for the page
    return answer


@router.get("/organizations.csv")
async def export_csv(request: Request) -> StreamingResponse:
    """Stream the registry's CSV export of the search through, never whole in memory."""
    filters = {k: v for k, v in _filters(request).items() if k != "cursor"}
    answer = await portal(request).backends.open_stream("public_organizations_csv", params=filters)
    return StreamingResponse(
        answer.aiter_bytes(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="organizacje.csv"'},
        background=BackgroundTask(answer.aclose),
    )


@router.get("/municipalities/{municipality_id}/organizations.atom")
async def atom(request: Request, municipality_id: str) -> Response:
    """Pass the registry's Atom feed of a municipality's new organizations through."""
    return await atom_feed(request, "public_organizations_atom", municipality_id)


@router.get("/organizations/{organization_id}", response_class=HTMLResponse)
async def profile(
    request: Request, organization_id: Annotated[str, Path(max_length=100)]
) -> HTMLResponse:
    """Show an organization's public profile."""
    try:
        record = await portal(request).backends.json(
            "public_organization",
            organization_id=organization_id,
            language=request.state.session.language,
        )
    except BackendProblem as problem:
        if problem.status != 404:
            raise
        # A notice tells officers of a registration not yet verified, so not yet public.
        return await unverified_organization(request, organization_id)
    return await page(request, "organization.html", {"organization": record})
