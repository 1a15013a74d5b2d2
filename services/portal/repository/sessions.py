"""The portal's sessions and its CSRF key in its own MongoDB database."""

from __future__ import annotations

import contextlib
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

__all__ = ["SessionDocuments"]

_COLLECTION = "sessions"
_KEYS = "keys"
_CSRF_KEY = "csrf"

Document = dict[str, Any]


class SessionDocuments:
    """Stored sessions by id (`expires_at` in epoch seconds) and the shared CSRF secret."""

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._sessions = database[_COLLECTION]
        self._keys = database[_KEYS]

    async def find(self, session_id: str) -> Document | None:
        """Return a stored session, or None."""
        return await self._sessions.find_one({"_id": session_id})

    async def put(self, document: Document) -> None:
        """Store a session (insert or replace)."""
        await self._sessions.replace_one({"_id": document["_id"]}, document, upsert=True)

    async def delete(self, session_id: str) -> None:
        """Delete a session, if stored."""
        await self._sessions.delete_one({"_id": session_id})

    async def delete_expired(self, now: float) -> int:
        """Delete the sessions past their end; return how many."""
        result = await self._sessions.delete_many({"expires_at": {"$lt": now}})
        return result.deleted_count

    async def csrf_secret(self, candidate: str) -> str:
        """Return the stored CSRF secret, storing `candidate` if no replica stored one first."""
        with contextlib.suppress(DuplicateKeyError):  # another replica's came first
            await self._keys.insert_one({"_id": _CSRF_KEY, "secret": candidate})
        stored = await self._keys.find_one({"_id": _CSRF_KEY})
        if stored is None:
            raise RuntimeError("the portal's CSRF key is missing after it was stored")
        return str(stored["secret"])
