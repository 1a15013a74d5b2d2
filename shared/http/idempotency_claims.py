"""Claims on Idempotency-Keys: who runs a key's request, and whether it can still commit."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from shared.context import new_id
from shared.errors import Conflict, FieldError, Text
from shared.mongo import Document
from shared.outbox import Transaction, commit_with

__all__ = ["ABANDONED_AFTER", "CLAIM_LEASE", "Claim", "Claimant"]

# Far longer than any request runs: a claim without a claimant (written before claims named
# their process) still pending after this lost its process.
ABANDONED_AFTER = timedelta(minutes=2)
# A claimant renews its claims this often; a claim of another machine not renewed for this
# long lost its process.
CLAIM_LEASE = timedelta(seconds=15)


@dataclass
class Claim:
    """One attempt at a key's request: commits the key's record with the request's writes."""

    collection: Any
    record_id: str
    attempt: str
    open: bool = True
    subject: str | None = None

    async def commit_in(self, transaction: Transaction) -> None:
        """Mark the key committed in `transaction`; refuse when another attempt took it over."""
        if not self.open:  # a task the request left behind: its writes are not the answer's
            return
        if self.subject is None and transaction.subjects:
            self.subject = transaction.subjects[0]
            # A retried attempt (or a commit group's unit run again alone) may make a new
            # aggregate: the key must name the one that commits.
            transaction.if_aborted(self._forget_subject)
        changes: Document = {"state": "committed"}
        if self.subject is not None:
            changes["subject"] = self.subject
        result = await self.collection.update_one(
            {"_id": self.record_id, "attempt": self.attempt},
            {"$set": changes},
            session=transaction.session,
        )
        if result.matched_count != 1:
            # A retry judged this attempt dead and runs the request itself: only one commits.
            message = Text(
                "Żądanie z tym kluczem przejęła ponowiona próba.",
                "A retry with this key took the request over.",
            )
            field = FieldError("header.Idempotency-Key", message, "idempotency-taken-over")
            raise Conflict(detail=message, errors=[field])

    def _forget_subject(self) -> None:
        self.subject = None


@dataclass
class Claimant:
    """This app's identity in claims, and the attempts it is running now."""

    process: str = field(default_factory=new_id)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)
    running: set[str] = field(default_factory=set)

    def new_claim(self, body_hash: str, tenant_id: str, record_id: str) -> tuple[Document, str]:
        """Return a pending claim document for a new attempt, and the attempt."""
        attempt = new_id()
        document = {
            "_id": record_id,
            "tenant_id": tenant_id,
            "state": "pending",
            "body_hash": body_hash,
            "created_at": datetime.now(UTC),
            **self._stamp(attempt),
        }
        return document, attempt

    def _stamp(self, attempt: str) -> Document:
        # Epoch seconds, not dates: NX-27017 stores a `$set` datetime as text.
        alive_until = time.time() + CLAIM_LEASE.total_seconds()
        return {
            "attempt": attempt,
            "process": self.process,
            "host": self.host,
            "pid": self.pid,
            "alive_until": alive_until,
            "ended": False,
        }

    async def take_over(self, collection: Any, stored: Document) -> str | None:
        """Claim a key whose attempt died before committing; return the new attempt."""
        attempt = new_id()
        result = await collection.update_one(
            {"_id": stored["_id"], "state": "pending", "attempt": stored.get("attempt")},
            {"$set": self._stamp(attempt), "$currentDate": {"created_at": True}},
        )
        return attempt if result.modified_count == 1 else None

    def is_alive(self, stored: Document) -> bool:
        """Tell whether the attempt that claimed `stored` may still be running."""
        if stored.get("ended"):
            return False
        if "process" not in stored:
            return _younger_than(stored.get("created_at"), ABANDONED_AFTER)
        if stored["process"] == self.process:
            return stored.get("attempt") in self.running
        if stored.get("host") == self.host and (
            stored.get("pid") == self.pid or not _pid_exists(stored.get("pid"))
        ):
            # Same machine: the process is gone when its pid is, or when this process took the
            # pid over (as a restarted container's first process does).
            return False
        # Else only the lease tells (a pid reused by another program looks alive here).
        return float(stored.get("alive_until", 0)) > time.time()

    @contextlib.asynccontextmanager
    async def running_attempt(
        self, collection: Any, record_id: str, attempt: str
    ) -> AsyncIterator[Claim]:
        """Run one attempt: its claim commits with its transactions and stays renewed."""
        claim = Claim(collection, record_id, attempt)
        self.running.add(attempt)
        token = commit_with.set(claim.commit_in)
        renewing = asyncio.create_task(self._renew(collection, record_id, attempt))
        try:
            yield claim
        finally:
            claim.open = False
            commit_with.reset(token)
            self.running.discard(attempt)
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing

    async def _renew(self, collection: Any, record_id: str, attempt: str) -> None:
        period = CLAIM_LEASE.total_seconds() / 3
        while True:
            await asyncio.sleep(period)
            with contextlib.suppress(Exception):  # a missed renewal only shortens the lease
                await collection.update_one(
                    {"_id": record_id, "attempt": attempt},
                    {"$set": {"alive_until": time.time() + CLAIM_LEASE.total_seconds()}},
                )


def _younger_than(created: object, age: timedelta) -> bool:
    if isinstance(created, datetime) and created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return not isinstance(created, datetime) or datetime.now(UTC) - created < age


def _pid_exists(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process holds the pid
        return True
    return True
