"""Pages that notices link to beyond the public ones: results, a closed competition, a webhook."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.pages.member import as_user
from services.portal.api.rendering.templates import page
from services.portal.api.web import current_user

router = APIRouter()
Municipality = Annotated[str, Path(pattern=r"^[0-9]{7}$")]


def _names(request: Request) -> dict[str, str]:
    return portal(request).settings.municipality_names()


@router.get("/competitions/{competition_id}/results")
async def results_link(request: Request, competition_id: str) -> RedirectResponse:
    """Open the results a notice is about, in the signed-in user's municipality."""
    tenant = quote(current_user(request).tenant_id, safe="")
    target = f"/municipalities/{tenant}/competitions/{quote(competition_id, safe='')}/results"
    return RedirectResponse(target, status_code=303)


@router.get(
    "/municipalities/{municipality_id}/competitions/{competition_id}/results",
    response_class=HTMLResponse,
)
async def results(request: Request, municipality_id: Municipality, competition_id: str) -> Any:
    """Show the published results of one competition: who got how much."""
    published = await portal(request).backends.json(
        "published_results",
        municipality_id=municipality_id,
        language=session_of(request).language,
    )
    found = next((r for r in published if r.get("competition_id") == competition_id), None)
    if found is None:
        raise BackendProblem(status=404)
    context = {
        "results": found,
        "municipality_id": municipality_id,
        "municipalities": _names(request),
    }
    return await page(request, "competition_results.html", context)


async def closed_competition(
    request: Request, municipality_id: str, competition_id: str
) -> HTMLResponse:
    """Show a competition no longer open (closed, resolved, cancelled) to a signed-in user."""
    user = session_of(request).user
    if user is None:
        raise BackendProblem(status=404)
    found = await as_user(request, user, "competition", competition_id=competition_id)
    if found.get("tenant_id") != municipality_id:
        raise BackendProblem(status=404)
    context = {
        "competition": found,
        "municipality_id": municipality_id,
        "municipalities": _names(request),
    }
    return await page(request, "competition_closed.html", context)


async def unverified_organization(request: Request, organization_id: str) -> HTMLResponse:
    """Show a signed-in reader an organization the public does not see yet, if they may."""
    user = session_of(request).user
    if user is None:
        raise BackendProblem(status=404)
    record = await as_user(request, user, "organization", organization_id=organization_id)
    return await page(request, "organization.html", {"organization": record})


@router.get("/webhooks/endpoints/{endpoint_id}", response_class=HTMLResponse)
async def webhook_endpoint(request: Request, endpoint_id: str) -> HTMLResponse:
    """Show a webhook endpoint to the one who registered it: whether it is on, and why not."""
    user = current_user(request)
    found = await as_user(request, user, "webhook_endpoint", endpoint_id=endpoint_id)
    return await page(request, "webhook_endpoint.html", {"endpoint": found})
