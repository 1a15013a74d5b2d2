"""A browser's session and its signed-in user; the cookie carries only a random id.

A cookie of a session never stored carries a mark, so reading a page costs no database read.
A forged mark only hides the forger's own session from them; a removed one costs one lookup.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["CookieId", "Session", "User", "cookie_value", "read_cookie"]

# What secrets.token_urlsafe(32) makes; anything else in the cookie starts a new session.
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{43}")
_UNSTORED = "a."


@dataclass
class User:
    """Who signed in, and the access token the portal calls the services with."""

    subject: str
    name: str
    tenant_id: str
    roles: list[str]
    token: str
    organization_id: str | None = None
    refresh_token: str | None = None
    id_token: str | None = None
    expires_at: float | None = None

    @property
    def is_ngo_member(self) -> bool:
        """Return whether the user acts for an organization."""
        return "ngo_member" in self.roles and bool(self.organization_id)


@dataclass
class Session:
    """One browser's session: its language, CSRF token and, once signed in, its user."""

    id: str
    csrf: str
    expires_at: float
    language: str = "pl"
    municipality: str | None = None
    user: User | None = None
    flash: list[str] = field(default_factory=list)
    pending_sign_in: dict[str, str] | None = None
    stored: bool = False

    @classmethod
    def transient(cls) -> Session:
        """Return a session for one error page: never stored, its form token never accepted."""
        return cls(id="", csrf=secrets.token_urlsafe(32), expires_at=0.0)  # already over

    def to_document(self) -> dict[str, Any]:
        """Return the stored form; epoch seconds, as NX-27017 keeps datetimes as text."""
        document = asdict(self)
        document["_id"] = document.pop("id")
        del document["csrf"]  # derived from the id, never stored
        del document["stored"]
        return document

    @classmethod
    def of(cls, document: dict[str, Any], csrf: str) -> Session:
        """Read a stored session."""
        user = document.get("user")
        return cls(
            id=document["_id"],
            csrf=csrf,
            expires_at=float(document["expires_at"]),
            language=document.get("language", "pl"),
            municipality=document.get("municipality"),
            user=User(**user) if user else None,
            flash=list(document.get("flash", [])),
            pending_sign_in=document.get("pending_sign_in"),
            stored=True,
        )


@dataclass(frozen=True)
class CookieId:
    """The session id a cookie names, and whether the cookie says it may be stored."""

    session_id: str
    maybe_stored: bool


def cookie_value(session: Session) -> str:
    """Return what the browser keeps: the id, marked while the session is not stored."""
    return session.id if session.stored else _UNSTORED + session.id


def read_cookie(cookie: str | None) -> CookieId | None:
    """Return the id a cookie names, or None for a missing or malformed one."""
    session_id = cookie.removeprefix(_UNSTORED) if cookie else None
    if not session_id or not _SESSION_ID.fullmatch(session_id):
        return None
    return CookieId(session_id, maybe_stored=cookie == session_id)
