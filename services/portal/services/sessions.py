"""Sessions by id; a malformed or expired id reads as none, an unstored one as empty.

A visitor's session is stored only once it holds something (a language, a municipality, a
pending or finished sign-in): reading public pages writes nothing. Its CSRF token is an HMAC of
its id under a key kept in the same database, so a form rendered before the session was stored
still verifies, on any replica.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
from typing import Any, Protocol

from services.portal.domain.session import Session, read_cookie
from shared.clock import SYSTEM_CLOCK, Clock

__all__ = ["SessionDocumentStore", "SessionStore"]


class SessionDocumentStore(Protocol):
    """Where sessions are kept (the repository; a fake in fast tests)."""

    async def find(self, session_id: str) -> dict[str, Any] | None: ...
    async def put(self, document: dict[str, Any]) -> None: ...
    async def delete(self, session_id: str) -> None: ...
    async def delete_expired(self, now: float) -> int: ...
    async def csrf_secret(self, candidate: str) -> str: ...


class SessionStore:
    """Start, load, store, renew and end browsers' sessions."""

    def __init__(
        self, documents: SessionDocumentStore, ttl_seconds: int, clock: Clock = SYSTEM_CLOCK
    ) -> None:
        self._documents = documents
        self._clock = clock
        self._csrf_key: bytes | None = None
        self._key_lock = asyncio.Lock()
        self.ttl_seconds = ttl_seconds

    async def start(self) -> Session:
        """Return a new, not yet stored session with a fresh random id."""
        return await self._blank(secrets.token_urlsafe(32))

    async def load(self, cookie: str | None) -> Session | None:
        """Return the session of a cookie: stored, or empty if never stored; else None."""
        named = read_cookie(cookie)
        if named is None:
            return None
        if not named.maybe_stored:
            return await self._blank(named.session_id)
        document = await self._documents.find(named.session_id)
        if document is None:  # a visitor who has not stored anything yet
            return await self._blank(named.session_id)
        session = Session.of(document, await self._csrf_of(named.session_id))
        if session.expires_at < self._clock.timestamp():
            await self._documents.delete(named.session_id)
            return None
        return session

    async def save(self, session: Session) -> None:
        """Store a session (insert or replace)."""
        await self._documents.put(session.to_document())
        session.stored = True

    async def renew(self, session: Session) -> Session:
        """Replace a session by one with a new id and CSRF token (at sign-in: no fixation)."""
        await self._documents.delete(session.id)
        fresh = await self.start()
        fresh.language, fresh.municipality = session.language, session.municipality
        return fresh

    async def purge_expired(self) -> int:
        """Delete the sessions past their end (at start-up; load() skips them meanwhile)."""
        return await self._documents.delete_expired(self._clock.timestamp())

    async def end(self, session: Session) -> None:
        """Delete a session (sign-out)."""
        await self._documents.delete(session.id)

    async def _blank(self, session_id: str) -> Session:
        return Session(
            id=session_id,
            csrf=await self._csrf_of(session_id),
            expires_at=self._clock.timestamp() + self.ttl_seconds,
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
                self._csrf_key = base64.b64decode(await self._documents.csrf_secret(made))
            return self._csrf_key
