"""Session cookie, CSRF check, sign-in guard and safe redirects for every page."""

from __future__ import annotations

import secrets
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.portal.api.deps import PortalState, mark_changed, portal, session_of
from services.portal.domain.session import Session, User, cookie_value

__all__ = [
    "COOKIE",
    "CsrfRefused",
    "SessionMiddleware",
    "SignInRequired",
    "check_csrf",
    "current_user",
    "local_path",
    "remember",
    "see_other",
    "sign_in_location",
]

COOKIE = "portal_session"
_NO_SESSION = ("/static/", "/healthz", "/readyz", "/metrics")
_REFRESH_BEFORE_SECONDS = 30


class SignInRequired(Exception):
    """The page needs a signed-in user; the handler sends the browser to sign in."""


class CsrfRefused(Exception):
    """A state-changing form came without this session's CSRF token."""


class SessionMiddleware:
    """Load the browser's session (or start one); store it and set the cookie if it changed.

    Plain ASGI rather than Starlette's BaseHTTPMiddleware: that one runs each request in its own
    task with memory streams, a cost every page would pay.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the page with its session; store the session as the answer starts."""
        if scope["type"] != "http" or scope["path"].startswith(_NO_SESSION):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        state = portal(request)
        session = await state.sessions.load(request.cookies.get(COOKIE))
        new_visitor = session is None
        if session is None:  # stored only once it holds something (mark_changed)
            session = await state.sessions.start()
        await _refresh_if_due(request, session)
        request.state.session = session

        async def send_with_session(message: Message) -> None:
            if message["type"] == "http.response.start":
                await _settle(request, state, MutableHeaders(scope=message), new_visitor)
            await send(message)

        await self.app(scope, receive, send_with_session)


async def _settle(
    request: Request, state: PortalState, headers: MutableHeaders, new_visitor: bool
) -> None:
    """Store a changed session and give the browser its cookie, as the answer starts."""
    session = session_of(request)  # sign-in and sign-out replace it
    if session.user is not None:  # a signed-in page stays off shared caches and the disk
        headers.setdefault("Cache-Control", "private, no-store")
    cookie = Response()
    if getattr(request.state, "session_ended", False):
        cookie.delete_cookie(COOKIE, path="/")
    elif getattr(request.state, "session_changed", False):
        await state.sessions.save(session)
        _set_cookie(cookie, session, state)
    elif new_visitor:  # its forms' CSRF token is bound to this id
        _set_cookie(cookie, session, state)
    for name, value in cookie.raw_headers:
        if name == b"set-cookie":
            headers.append("set-cookie", value.decode("latin-1"))


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
    if user.expires_at - portal(request).clock.timestamp() > _REFRESH_BEFORE_SECONDS:
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
