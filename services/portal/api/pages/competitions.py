"""Open competitions of a municipality and one competition's announcement."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse

from services.portal.api.deps import portal
from services.portal.api.pages.feeds import atom_feed
from services.portal.api.pages.notice_targets import closed_competition
from services.portal.api.pages.search_box import searched
from services.portal.api.rendering.templates import page

router = APIRouter(prefix="/municipalities/{municipality_id}")
Municipality = Annotated[str, Path(pattern=r"^[0-9]{7}$")]


async def _open(request: Request, municipality_id: str) -> list[dict[str, Any]]:
    found = await portal(request).backends.json(
        "open_competitions",
        municipality_id=municipality_id,
        language=request.state.session.language,
    )
    return found if isinstance(found, list) else []


@router.get("/competitions", response_class=HTMLResponse)
async def competitions(request: Request, municipality_id: Municipality) -> HTMLResponse:
    """List the open competitions, nearest deadline first; with `q`, best match first."""
    q, found, errors = await searched(request, "open_competitions", municipality_id=municipality_id)
    if not q:
        found = sorted(found, key=lambda c: c["offer_deadline"])
    context = {"competitions": found, "q": q, "errors": errors}
    return await page(
        request,
        "competitions.html",
        {**context, "municipality_id": municipality_id, **_names(request)},
        status_code=422 if errors else 200,
    )


@router.get("/competitions.atom")
async def competitions_atom(request: Request, municipality_id: Municipality) -> Response:
    """Pass the grants service's Atom feed of open competitions through."""
    return await atom_feed(request, "competitions_atom", municipality_id)


@router.get("/competitions/{competition_id}", response_class=HTMLResponse)
async def competition(
    request: Request, municipality_id: Municipality, competition_id: str
) -> HTMLResponse:
    """Show one open competition's announcement."""
    for found in await _open(request, municipality_id):
        if found.get("id") == competition_id:
            return await page(
                request,
                "competition.html",
                {"competition": found, "municipality_id": municipality_id, **_names(request)},
            )
    # A notice also links to a competition no longer open: closed, resolved or cancelled.
    return await closed_competition(request, municipality_id, competition_id)


def _names(request: Request) -> dict[str, Any]:
    return {"municipalities": portal(request).settings.municipality_names()}
