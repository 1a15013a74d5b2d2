"""Idempotency-Key for creating requests: a retry gets the first answer and writes nothing."""

from __future__ import annotations

import hashlib
import tempfile
from datetime import timedelta
from typing import IO, Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, OperationFailure
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import DomainError, Text
from shared.http.deps import verified_principal
from shared.http.idempotency_claims import ABANDONED_AFTER, Claimant
from shared.http.idempotency_replay import rebuild_answer
from shared.http.problems import problem_response, request_language
from shared.logging import get_logger
from shared.mongo import Document

__all__ = [
    "ABANDONED_AFTER",
    "IDEMPOTENCY_COLLECTION",
    "IdempotencyMiddleware",
    "ensure_expiry",
    "record_id",
]

IDEMPOTENCY_COLLECTION = "idempotency_keys"
HEADER = b"idempotency-key"
_KEPT_HEADERS = {b"content-type", b"location"}
_SPOOL_IN_MEMORY = 1 << 20
_CHUNK = 64 << 10
_TTL_INDEX = "created_at_ttl"
log = get_logger(__name__)
_IN_PROGRESS = (
    "idempotency-in-progress",
    "Żądanie z tym kluczem jest w toku; ponów za chwilę.",
    "A request with this key is in progress; retry shortly.",
)
_REUSED = (
    "idempotency-key-reused",
    "Klucz Idempotency-Key użyto już z inną treścią żądania.",
    "The Idempotency-Key was already used with a different body.",
)
_ANSWER_LOST = (
    "idempotency-answer-lost",
    "Żądanie z tym kluczem zostało wykonane, ale jego odpowiedzi nie da się odtworzyć.",
    "The request with this key was carried out, but its answer cannot be rebuilt.",
)


def record_id(tenant_id: str, subject: str, path: str, key: str) -> str:
    """Return the id of the stored answer to one user's request with one key."""
    return hashlib.sha256(f"{tenant_id}|{subject}|{path}|{key}".encode()).hexdigest()


async def _problem(scope: Scope, send: Send, status: int, code: str, pl: str, en: str) -> None:
    request = Request(scope)
    detail = Text(pl, en)
    message = detail.in_language(request_language(request))
    response = problem_response(
        request,
        status=status,
        code=code,
        title=Text("Nieprawidłowy klucz idempotencji", "Idempotency-Key problem"),
        detail=detail,
        errors=[{"field": "header.Idempotency-Key", "code": code, "message": message}],
    )
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


class IdempotencyMiddleware:
    """Answer a retried POST with an Idempotency-Key as its first attempt was answered.

    The key's record commits in the same transaction as the request's writes (see
    `Claim.commit_in`), so a retry finds it committed exactly when the writes are there.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.claimant = Claimant()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        key = headers.get(HEADER)
        if scope["type"] != "http" or scope["method"] != "POST" or not key:
            await self.app(scope, receive, send)
            return
        owner = await self._owner(scope, headers)
        if owner is None:  # unauthenticated: the route itself answers 401
            await self.app(scope, receive, send)
            return
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as body:
            body_hash = await _spool(receive, body)
            runtime = scope["app"].state.runtime
            await self._handle(scope, send, runtime, owner, key, body, body_hash)

    async def _handle(
        self,
        scope: Scope,
        send: Send,
        runtime: Any,
        owner: tuple[str, str],
        key: bytes,
        body: IO[bytes],
        body_hash: str,
    ) -> None:
        tenant_id, subject = owner
        stored_id = record_id(tenant_id, subject, scope["path"], key.decode("latin-1"))
        collection = runtime.database[IDEMPOTENCY_COLLECTION]
        claim, attempt = self.claimant.new_claim(body_hash, tenant_id, stored_id)
        try:
            await collection.insert_one(claim)
        except DuplicateKeyError:
            stored: Document | None = await collection.find_one({"_id": stored_id})
            taken = await self._answer_existing(scope, send, collection, stored, body_hash)
            if taken is None:
                return
            attempt = taken
        await self._run_and_store(scope, body, send, collection, stored_id, attempt)

    async def _answer_existing(
        self, scope: Scope, send: Send, collection: Any, stored: Document | None, body_hash: str
    ) -> str | None:
        """Answer a request whose key is known; return an attempt when this one runs it."""
        if stored is not None and stored["body_hash"] != body_hash:
            await _problem(scope, send, 422, *_REUSED)
        elif stored is not None and "status" in stored:
            headers = [(bytes(k), bytes(v)) for k, v in stored["headers"]]
            await _send_replayed(send, stored["status"], headers, bytes(stored["body"]))
        elif stored is None or self.claimant.is_alive(stored):
            await _problem(scope, send, 409, *_IN_PROGRESS)
        elif stored["state"] == "committed":
            await self._rebuild(scope, send, collection, stored)
        else:
            # Its attempt died before committing: nothing of it was written, run it now.
            attempt = await self.claimant.take_over(collection, stored)
            if attempt is None:
                await _problem(scope, send, 409, *_IN_PROGRESS)
            else:
                log.info("idempotency.claim.taken_over", path=scope["path"])
            return attempt
        return None

    async def _rebuild(self, scope: Scope, send: Send, collection: Any, stored: Document) -> None:
        """Answer a request that committed in a process that died before answering."""
        answer = await rebuild_answer(self.app, scope, stored.get("subject"))
        log.info("idempotency.answer.rebuilt", path=scope["path"], found=answer is not None)
        if answer is None:
            await _problem(scope, send, 409, *_ANSWER_LOST)
            return
        await collection.update_one(
            {"_id": stored["_id"], "state": "committed"},
            {"$set": _answered(answer.status, answer.headers, answer.body)},
        )
        await _send_replayed(send, answer.status, answer.headers, answer.body)

    @staticmethod
    async def _owner(scope: Scope, headers: dict[bytes, bytes]) -> tuple[str, str] | None:
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            # Cached in the request's state: the route's own dependency does not verify again.
            principal = await verified_principal(Request(scope), token)
        except DomainError:
            return None
        return principal.tenant_id, principal.subject

    async def _run_and_store(
        self,
        scope: Scope,
        body: IO[bytes],
        send: Send,
        collection: Any,
        stored_id: str,
        attempt: str,
    ) -> None:
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": b""}
        delivered = False
        body.seek(0)

        async def replay_receive() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            piece = body.read(_CHUNK)
            delivered = len(piece) < _CHUNK
            return {"type": "http.request", "body": piece, "more_body": not delivered}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        async with self.claimant.running_attempt(collection, stored_id, attempt):
            try:
                await self.app(scope, replay_receive, capture)
            except BaseException:
                await _end_unanswered(collection, stored_id, attempt)
                raise
        # An answer not to be kept (a signing secret shown once) is not kept here either: a
        # retry reads the resource back instead.
        if captured["status"] >= 500 or _no_store(captured["headers"]):
            await _end_unanswered(collection, stored_id, attempt)
            return
        await collection.update_one(
            {"_id": stored_id, "attempt": attempt},
            {"$set": _answered(captured["status"], captured["headers"], captured["body"])},
        )


async def _end_unanswered(collection: Any, stored_id: str, attempt: str) -> None:
    """Give up a claim that never committed; mark a committed one's attempt ended."""
    # A committed claim stays: it is the retry's answer, read back from what it wrote.
    await collection.delete_one({"_id": stored_id, "attempt": attempt, "state": "pending"})
    await collection.update_one({"_id": stored_id, "attempt": attempt}, {"$set": {"ended": True}})


def _no_store(headers: list[Any]) -> bool:
    return any(
        bytes(k).lower() == b"cache-control" and b"no-store" in bytes(v).lower() for k, v in headers
    )


def _answered(status: int, headers: list[Any], body: bytes) -> Document:
    kept = [[k, v] for k, v in headers if bytes(k).lower() in _KEPT_HEADERS]
    return {"state": "answered", "status": status, "headers": kept, "body": body}


async def _spool(receive: Receive, spool: IO[bytes]) -> str:
    """Write the body to `spool` as it arrives and return its SHA-256."""
    # Spooled, not buffered: a large upload (a CSV import) goes to disk past the first MiB;
    # the body-size middleware outside bounds the total.
    digest = hashlib.sha256()
    while True:
        message = await receive()
        piece = message.get("body", b"")
        digest.update(piece)
        spool.write(piece)
        if not message.get("more_body"):
            return digest.hexdigest()


async def ensure_expiry(database: AsyncDatabase[Document], ttl: timedelta) -> None:
    """Let MongoDB remove stored answers `ttl` after their request (a TTL index)."""
    collection = database[IDEMPOTENCY_COLLECTION]
    seconds = int(ttl.total_seconds())
    try:
        await collection.create_index("created_at", name=_TTL_INDEX, expireAfterSeconds=seconds)
    except OperationFailure:
        # The index exists with another TTL (the setting changed): change it in place.
        await database.command(
            "collMod",
            IDEMPOTENCY_COLLECTION,
            index={"name": _TTL_INDEX, "expireAfterSeconds": seconds},
        )


async def _send_replayed(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes
) -> None:
    headers = [*headers, (b"idempotent-replayed", b"true")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
