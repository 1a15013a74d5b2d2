"""Server-side sessions in the portal's own database; the cookie carries only a random id."""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

__all__ = ["COOKIE", "Session", "SessionStore", "User"]

COOKIE = "portal_session"
_COLLECTION = "sessions"


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

    @classmethod
    def new(cls, ttl_seconds: int) -> Session:
        """Start a session with fresh random id and CSRF token."""
        return cls(
            id=secrets.token_urlsafe(32),
            csrf=secrets.token_urlsafe(32),
            expires_at=time.time() + ttl_seconds,
        )

    def to_document(self) -> dict[str, Any]:
        """Return the stored form; epoch seconds, as NX-27017 keeps datetimes as text."""
        document = asdict(self)
        document["_id"] = document.pop("id")
        return document

    @classmethod
    def of(cls, document: dict[str, Any]) -> Session:
        """Read a stored session."""
        user = document.get("user")
        return cls(
            id=document["_id"],
            csrf=document["csrf"],
            expires_at=float(document["expires_at"]),
            language=document.get("language", "pl"),
            municipality=document.get("municipality"),
            user=User(**user) if user else None,
            flash=list(document.get("flash", [])),
            pending_sign_in=document.get("pending_sign_in"),
        )


class SessionStore:
    """Sessions by id; an expired or unknown id reads as none."""

    def __init__(self, database: AsyncDatabase[dict[str, Any]], ttl_seconds: int) -> None:
        self._sessions = database[_COLLECTION]
        self.ttl_seconds = ttl_seconds

    async def load(self, session_id: str | None) -> Session | None:
        """Return the live session of an id, or None."""
        if not session_id or len(session_id) > 100:
            return None
        document = await self._sessions.find_one({"_id": session_id})
        if document is None:
            return None
        session = Session.of(document)
        if session.expires_at < time.time():
            await self._sessions.delete_one({"_id": session_id})
            return None
        return session

    async def save(self, session: Session) -> None:
        """Store a session (insert or replace)."""
        await self._sessions.replace_one({"_id": session.id}, session.to_document(), upsert=True)

    async def renew(self, session: Session) -> Session:
        """Replace a session by one with a new id and CSRF token (at sign-in: no fixation)."""
        await self._sessions.delete_one({"_id": session.id})
        fresh = Session.new(self.ttl_seconds)
        fresh.language, fresh.municipality = session.language, session.municipality
        return fresh

    async def purge_expired(self) -> int:
        """Delete the sessions past their end (at start-up; load() skips them meanwhile)."""
        result = await self._sessions.delete_many({"expires_at": {"$lt": time.time()}})
        return result.deleted_count

    async def end(self, session: Session) -> None:
        """Delete a session (sign-out)."""
        await self._sessions.delete_one({"_id": session.id})
