"""Server-side sessions in the portal's own database; the cookie carries only a random id.

A visitor's session is stored only once it holds something (a language, a municipality, a
pending or finished sign-in): reading public pages writes nothing. Its CSRF token is an HMAC of
its id under a key kept in the same database, so a form rendered before the session was stored
still verifies, on any replica.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

__all__ = ["COOKIE", "Session", "SessionStore", "User", "cookie_value"]

COOKIE = "portal_session"
_COLLECTION = "sessions"
_KEYS = "keys"
_CSRF_KEY = "csrf"
# What secrets.token_urlsafe(32) makes; anything else in the cookie starts a new session.
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{43}")
# Marks the cookie of a session never stored, so reading a page costs no database read. A
# forged mark only hides the forger's own session from them; a removed one costs one lookup.
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
        return cls(id="", csrf=secrets.token_urlsafe(32), expires_at=time.time())

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


def cookie_value(session: Session) -> str:
    """Return what the browser keeps: the id, marked while the session is not stored."""
    return session.id if session.stored else _UNSTORED + session.id


class SessionStore:
    """Sessions by id; a malformed or expired id reads as none, an unstored one as empty."""

    def __init__(self, database: AsyncDatabase[dict[str, Any]], ttl_seconds: int) -> None:
        self._sessions = database[_COLLECTION]
        self._keys = database[_KEYS]
        self._csrf_key: bytes | None = None
        self._key_lock = asyncio.Lock()
        self.ttl_seconds = ttl_seconds

    async def start(self) -> Session:
        """Return a new, not yet stored session with a fresh random id."""
        return await self._blank(secrets.token_urlsafe(32))

    async def load(self, cookie: str | None) -> Session | None:
        """Return the session of a cookie: stored, or empty if never stored; else None."""
        session_id = cookie.removeprefix(_UNSTORED) if cookie else None
        if not session_id or not _SESSION_ID.fullmatch(session_id):
            return None
        if cookie != session_id:
            return await self._blank(session_id)
        document = await self._sessions.find_one({"_id": session_id})
        if document is None:  # a visitor who has not stored anything yet
            return await self._blank(session_id)
        session = Session.of(document, await self._csrf_of(session_id))
        if session.expires_at < time.time():
            await self._sessions.delete_one({"_id": session_id})
            return None
        return session

    async def save(self, session: Session) -> None:
        """Store a session (insert or replace)."""
        await self._sessions.replace_one({"_id": session.id}, session.to_document(), upsert=True)
        session.stored = True

    async def renew(self, session: Session) -> Session:
        """Replace a session by one with a new id and CSRF token (at sign-in: no fixation)."""
        await self._sessions.delete_one({"_id": session.id})
        fresh = await self.start()
        fresh.language, fresh.municipality = session.language, session.municipality
        return fresh

    async def purge_expired(self) -> int:
        """Delete the sessions past their end (at start-up; load() skips them meanwhile)."""
        result = await self._sessions.delete_many({"expires_at": {"$lt": time.time()}})
        return result.deleted_count

    async def end(self, session: Session) -> None:
        """Delete a session (sign-out)."""
        await self._sessions.delete_one({"_id": session.id})

    async def _blank(self, session_id: str) -> Session:
        return Session(
            id=session_id,
            csrf=await self._csrf_of(session_id),
            expires_at=time.time() + self.ttl_seconds,
        )

    async def _csrf_of(self, session_id: str) -> str:
        digest = hmac.new(await self._key(), session_id.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    async def _key(self) -> bytes:
        """Return the CSRF key every replica shares, made by whichever starts first."""
        if self._csrf_key is not None:
            return self._csrf_key
        async with self._key_lock:
            if self._csrf_key is None:
                made = base64.b64encode(secrets.token_bytes(32)).decode()
                with contextlib.suppress(DuplicateKeyError):  # another replica's came first
                    await self._keys.insert_one({"_id": _CSRF_KEY, "secret": made})
                stored = await self._keys.find_one({"_id": _CSRF_KEY})
                if stored is None:
                    raise RuntimeError("the portal's CSRF key is missing after it was stored")
                self._csrf_key = base64.b64decode(stored["secret"])
            return self._csrf_key
