"""The paths that notices (inbox, e-mail) link to, sent on to the user's municipality's page."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from services.portal.api.web import current_user

router = APIRouter()


def _to(request: Request, *parts: str, fragment: str = "") -> RedirectResponse:
    # Notices name no municipality: the signed-in user's own tenant is the one they are about.
    tenant = quote(current_user(request).tenant_id, safe="")
    path = "/".join(quote(part, safe="") for part in parts)
    return RedirectResponse(f"/municipalities/{tenant}/{path}{fragment}", status_code=303)


@router.get("/competitions/{competition_id}")
async def competition(request: Request, competition_id: str) -> RedirectResponse:
    """Open a competition a notice is about."""
    return _to(request, "competitions", competition_id)


@router.get("/consultations/{consultation_id}")
async def consultation(request: Request, consultation_id: str) -> RedirectResponse:
    """Open a consultation a notice is about."""
    return _to(request, "consultations", consultation_id)


@router.get("/consultations/{consultation_id}/report")
async def report(request: Request, consultation_id: str) -> RedirectResponse:
    """Open a consultation report a notice is about."""
    return _to(request, "consultations", consultation_id, "report")


@router.get("/consultations/{consultation_id}/comments/{comment_id}")
async def comment(request: Request, consultation_id: str, comment_id: str) -> RedirectResponse:
    """Open the consultation at my comments (the answer to one of them)."""
    return _to(request, "consultations", consultation_id, fragment="#my-comments")
