"""Session cookie, CSRF check, sign-in guard and safe redirects for every page."""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from services.portal.sessions import COOKIE, Session, User, cookie_value
from services.portal.state import PortalState, mark_changed, portal, session_of

__all__ = [
    "CsrfRefused",
    "SignInRequired",
    "check_csrf",
    "current_user",
    "local_path",
    "remember",
    "see_other",
    "session_middleware",
    "sign_in_location",
]

_NO_SESSION = ("/static/", "/healthz", "/readyz", "/metrics")
_REFRESH_BEFORE_SECONDS = 30


class SignInRequired(Exception):
    """The page needs a signed-in user; the handler sends the browser to sign in."""


class CsrfRefused(Exception):
    """A state-changing form came without this session's CSRF token."""


async def session_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Load the browser's session (or start one); store it and set the cookie if it changed."""
    if request.url.path.startswith(_NO_SESSION):
        return await call_next(request)
    state = portal(request)
    session = await state.sessions.load(request.cookies.get(COOKIE))
    new_visitor = session is None
    if session is None:  # stored only once it holds something (mark_changed)
        session = await state.sessions.start()
    await _refresh_if_due(request, session)
    request.state.session = session
    response = await call_next(request)
    session = session_of(request)  # sign-in and sign-out replace it
    if session.user is not None:  # a signed-in page stays off shared caches and the disk
        response.headers.setdefault("Cache-Control", "private, no-store")
    if getattr(request.state, "session_ended", False):
        response.delete_cookie(COOKIE, path="/")
    elif getattr(request.state, "session_changed", False):
        await state.sessions.save(session)
        _set_cookie(response, session, state)
    elif new_visitor:  # its forms' CSRF token is bound to this id
        _set_cookie(response, session, state)
    return response


def _set_cookie(response: Response, session: Session, state: PortalState) -> None:
    response.set_cookie(
        COOKIE,
        cookie_value(session),
        max_age=state.sessions.ttl_seconds,
        path="/",
        httponly=True,
        secure=state.settings.secure_cookies,
        samesite="lax",
    )


async def _refresh_if_due(request: Request, session: Session) -> None:
    """Renew an access token about to expire; a refused refresh signs the user out."""
    oidc = portal(request).oidc
    user = session.user
    if oidc is None or user is None or user.expires_at is None:
        return
    if user.expires_at - time.time() > _REFRESH_BEFORE_SECONDS:
        return
    session.user = await oidc.refresh(user)
    request.state.session_changed = True


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request whose form (or htmx header) lacks the session's token."""
    expected = session_of(request).csrf
    given = request.headers.get("x-csrf-token")
    if given is None:
        form = await request.form()
        value = form.get("csrf_token")
        given = value if isinstance(value, str) else None
    if not given or not secrets.compare_digest(given, expected):
        raise CsrfRefused


def current_user(request: Request) -> User:
    """Return the signed-in user, or send the browser to sign in first."""
    user = session_of(request).user
    if user is None:
        raise SignInRequired
    return user


def local_path(candidate: str | None, default: str = "/") -> str:
    """Return a same-site path to go back to; anything else (//host, scheme:) gives default."""
    if not candidate or not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return default
    if any(ord(c) < 32 for c in candidate):
        return default
    return candidate


def see_other(path: str) -> RedirectResponse:
    """Answer a POST by sending the browser to a page (303: the next request is a GET)."""
    return RedirectResponse(path, status_code=303)


def sign_in_location(request: Request) -> str:
    """Return the sign-in page that comes back to this page afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/sign-in?next={quote(here, safe='')}"


def remember(request: Request, session: Session) -> None:
    """Make `session` the browser's session from this answer on."""
    request.state.session = session
    mark_changed(request)
