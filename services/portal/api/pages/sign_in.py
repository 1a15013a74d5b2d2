"""Sign-in and sign-out; the development sign-in lists the demo users."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.portal.adapters.dev_identity import demo_user, demo_users, sign_in_as
from services.portal.adapters.oidc import SignInFailed
from services.portal.api.deps import mark_changed, portal, session_of
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, local_path, remember, see_other
from shared.logging import get_logger

router = APIRouter()
log = get_logger(__name__)


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page(request: Request, next: str | None = None) -> HTMLResponse:
    """Offer the demo users (development) or say that sign-in is not set up."""
    state = portal(request)
    users = await demo_users(state.settings, state.backends) if state.settings.dev_sign_in else []
    context = {"users": users, "next": local_path(next, ""), "oidc": state.oidc is not None}
    return await page(request, "sign_in.html", context)


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
    chosen = await demo_user(state.settings, state.backends, user)
    if chosen is None:
        return see_other("/sign-in")
    session = await state.sessions.renew(session_of(request))
    session.user = next_user = sign_in_as(state.settings, chosen, session.language)
    remember(request, session)
    default = "/dashboard" if next_user.organization_id else "/"
    return see_other(local_path(next, default))


@router.get("/sign-in/oidc")
async def sign_in_oidc(request: Request, next: str | None = None) -> RedirectResponse:
    """Send the browser to the identity provider (authorization code flow with PKCE)."""
    state = portal(request)
    if state.oidc is None:
        return see_other("/sign-in")
    session = session_of(request)
    url = await state.oidc.start(session, local_path(next))
    mark_changed(request)
    return see_other(url)


@router.get("/sign-in/callback")
async def sign_in_callback(
    request: Request,
    code: Annotated[str, Query(max_length=2000)] = "",
    state: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Finish the provider's sign-in; a fresh session id stops session fixation."""
    resources = portal(request)
    if resources.oidc is None:
        return see_other("/sign-in")
    session = session_of(request)
    try:
        user, next_path = await resources.oidc.finish(session, code=code, state=state)
    except SignInFailed as failure:
        log.warning("portal.sign_in.failed", reason=str(failure), cause=repr(failure.__cause__))
        mark_changed(request)  # the pending attempt is spent
        return await page(
            request, "error.html", {"status": 403, "reason": "sign-in"}, status_code=403
        )
    fresh = await resources.sessions.renew(session)
    fresh.user = user
    remember(request, fresh)
    return see_other(local_path(next_path))


@router.post("/sign-out", dependencies=[Depends(check_csrf)])
async def sign_out(request: Request) -> RedirectResponse:
    """End the session here, and at the identity provider when the user came from there."""
    state = portal(request)
    session = session_of(request)
    provider = None
    if state.oidc is not None and session.user is not None:
        provider = await state.oidc.end_session_url(session.user)
    await state.sessions.end(session)
    request.state.session_ended = True
    return see_other(provider or "/")
