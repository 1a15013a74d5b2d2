"""A time-limited lease in MongoDB so that one replica at a time runs a singleton job."""

from __future__ import annotations

import time
from datetime import timedelta

from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from shared.context import new_id
from shared.mongo import Document

__all__ = ["LEASE_COLLECTION", "Lease"]

LEASE_COLLECTION = "leases"


class Lease:
    """Held by one owner until it stops renewing it for `ttl`."""

    def __init__(
        self, database: AsyncDatabase[Document], name: str, ttl: timedelta = timedelta(seconds=15)
    ) -> None:
        self._leases = database[LEASE_COLLECTION]
        self.name = name
        self.ttl = ttl
        self.owner = new_id()

    async def acquire(self) -> bool:
        """Take or renew the lease; return whether this owner holds it."""
        # Epoch seconds, not dates: NX-27017 stores a `$set` datetime as a string.
        now = time.time()
        try:
            held = await self._leases.find_one_and_update(
                {"_id": self.name, "$or": [{"owner": self.owner}, {"expires_at": {"$lt": now}}]},
                {"$set": {"owner": self.owner, "expires_at": now + self.ttl.total_seconds()}},
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
        except DuplicateKeyError:
            return False
        # MongoDB raises above when another owner holds it; NX-27017 answers None instead.
        return held is not None and held.get("owner") == self.owner

    async def release(self) -> None:
        """Give the lease up so another replica can take it at once."""
        await self._leases.delete_one({"_id": self.name, "owner": self.owner})
