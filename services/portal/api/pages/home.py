"""The home page (choose a municipality) and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.portal.api.deps import mark_changed, portal, session_of
from services.portal.api.rendering.i18n import LANGUAGES
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, local_path, see_other

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    """List the municipalities whose public pages the portal shows."""
    names = portal(request).settings.municipality_names()
    return await page(request, "home.html", {"municipalities": names})


@router.get("/municipalities/{municipality_id}", response_class=HTMLResponse)
async def municipality(request: Request, municipality_id: str) -> HTMLResponse:
    """Show what a municipality publishes: NGOs, competitions, consultations."""
    names = portal(request).settings.municipality_names()
    if municipality_id not in names:
        return await page(request, "error.html", {"status": 404, "reason": ""}, status_code=404)
    return await page(
        request,
        "municipality.html",
        {"municipality_id": municipality_id, "municipality_name": names[municipality_id]},
    )


@router.post("/language", dependencies=[Depends(check_csrf)])
async def switch_language(
    request: Request,
    language: Annotated[str, Form()],
    next: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    """Remember the chosen language in the session and go back."""
    if language in LANGUAGES:
        session_of(request).language = language
        mark_changed(request)
    return see_other(local_path(next))
