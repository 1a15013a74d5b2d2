"""The signed-in user's dashboard: my organization, my offers, my unread notices."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.portal.adapters.backend import BackendDown, BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.rendering.templates import page, unread_count
from services.portal.api.web import current_user

router = APIRouter()
# Offers on one dashboard page; a "next offers" link leads on.
OFFERS_PER_PAGE = 10


@router.get("/dashboard", response_class=HTMLResponse)
async def dashboard(request: Request) -> HTMLResponse:
    """Show what waits for the user; a part whose service is down says so, the rest shows."""
    user = current_user(request)
    backends = portal(request).backends
    language = session_of(request).language
    organization: dict[str, Any] | None = None
    offers: list[dict[str, Any]] | None = []
    offers_next: str | None = None
    if user.is_ngo_member:
        organization = await backends.json(
            "organization", organization_id=user.organization_id, token=user.token,
            language=language,
        )  # fmt: skip
        params = {"cursor": request.query_params.get("offers"), "limit": OFFERS_PER_PAGE}
        try:
            offers, offers_next = await backends.page(
                "my_offers", token=user.token, language=language, params=params
            )
        except (BackendDown, BackendProblem):
            offers = None
    request.state.unread = await unread_count(request, user.token)
    context = {"organization": organization, "offers": offers, "offers_next": offers_next}
    return await page(request, "dashboard.html", context)
