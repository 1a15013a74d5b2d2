"""Sign-in and sign-out; the development sign-in lists the demo users."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.portal.dev_identity import demo_users, sign_in_as
from services.portal.rendering import page
from services.portal.state import portal, session_of
from services.portal.web import check_csrf, local_path, remember, see_other

router = APIRouter()


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page(request: Request, next: str | None = None) -> HTMLResponse:
    """Offer the demo users (development) or say that sign-in is not set up."""
    state = portal(request)
    users = await demo_users(state.settings, state.backends) if state.settings.dev_sign_in else []
    return await page(request, "sign_in.html", {"users": users, "next": local_path(next, "")})


@router.post("/sign-in/dev", dependencies=[Depends(check_csrf)])
async def sign_in_dev(
    request: Request,
    user: Annotated[str, Form(max_length=200)],
    next: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    """Sign in as a demo user; a fresh session id stops session fixation."""
    state = portal(request)
    if not state.settings.dev_sign_in:
        return see_other("/sign-in")
    chosen = next_user = None
    for candidate in await demo_users(state.settings, state.backends):
        if candidate.key == user:
            chosen = candidate
    if chosen is None:
        return see_other("/sign-in")
    session = await state.sessions.renew(session_of(request))
    session.user = next_user = sign_in_as(state.settings, chosen, session.language)
    remember(request, session)
    default = "/dashboard" if next_user.organization_id else "/"
    return see_other(local_path(next, default))


@router.post("/sign-out", dependencies=[Depends(check_csrf)])
async def sign_out(request: Request) -> RedirectResponse:
    """End the session."""
    state = portal(request)
    await state.sessions.end(session_of(request))
    request.state.session_ended = True
    return see_other("/")
