"""Idempotency-Key for creating requests: a retry gets the first answer and writes nothing."""

from __future__ import annotations

import hashlib
import tempfile
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, OperationFailure
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.context import new_id
from shared.errors import DomainError, Text
from shared.http.problems import problem_response, request_language
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
# Far longer than any request runs: a key still pending after this lost its process.
ABANDONED_AFTER = timedelta(minutes=2)
_SPOOL_IN_MEMORY = 1 << 20
_CHUNK = 64 << 10
_TTL_INDEX = "created_at_ttl"


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
    """Store the first answer to a POST with an Idempotency-Key and replay it on retries."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        key = headers.get(HEADER)
        if scope["type"] != "http" or scope["method"] != "POST" or not key:
            await self.app(scope, receive, send)
            return
        runtime = scope["app"].state.runtime
        owner = await self._owner(runtime, headers)
        if owner is None:  # unauthenticated: the route itself answers 401
            await self.app(scope, receive, send)
            return
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as body:
            body_hash = await _spool(receive, body)
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
        try:
            await collection.insert_one(
                {
                    "_id": stored_id,
                    "tenant_id": tenant_id,
                    "state": "pending",
                    "attempt": new_id(),
                    "body_hash": body_hash,
                    "created_at": datetime.now(UTC),
                }
            )
        except DuplicateKeyError:
            if not await _took_over_abandoned(collection, stored_id, body_hash):
                await self._replay(scope, collection, stored_id, body_hash, send)
                return
        await self._run_and_store(scope, body, send, collection, stored_id)

    @staticmethod
    async def _owner(runtime: Any, headers: dict[bytes, bytes]) -> tuple[str, str] | None:
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            principal = await runtime.verifier.verify(token)
        except DomainError:
            return None
        return principal.tenant_id, principal.subject

    async def _replay(
        self, scope: Scope, collection: Any, stored_id: str, body_hash: str, send: Send
    ) -> None:
        stored: Document | None = await collection.find_one({"_id": stored_id})
        if stored is None or stored["state"] == "pending":
            await _problem(
                scope,
                send,
                409,
                "idempotency-in-progress",
                "Żądanie z tym kluczem jest w toku; ponów za chwilę.",
                "A request with this key is in progress; retry shortly.",
            )
        elif stored["body_hash"] != body_hash:
            await _problem(
                scope,
                send,
                422,
                "idempotency-key-reused",
                "Klucz Idempotency-Key użyto już z inną treścią żądania.",
                "The Idempotency-Key was already used with a different body.",
            )
        else:
            headers = [(bytes(k), bytes(v)) for k, v in stored["headers"]]
            headers.append((b"idempotent-replayed", b"true"))
            await _send(send, stored["status"], headers, bytes(stored["body"]))

    async def _run_and_store(
        self, scope: Scope, body: IO[bytes], send: Send, collection: Any, stored_id: str
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
                captured["headers"] = [
                    [k, v] for k, v in message.get("headers", []) if k.lower() in _KEPT_HEADERS
                ]
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, replay_receive, capture)
        except BaseException:
            await collection.delete_one({"_id": stored_id})
            raise
        if captured["status"] >= 500:
            await collection.delete_one({"_id": stored_id})
            return
        await collection.update_one(
            {"_id": stored_id},
            {
                "$set": {
                    "state": "done",
                    "status": captured["status"],
                    "headers": captured["headers"],
                    "body": captured["body"],
                }
            },
        )


async def _took_over_abandoned(collection: Any, stored_id: str, body_hash: str) -> bool:
    """Claim a key whose first request died with its process, so that a retry can run."""
    # A process killed after its commit and before storing the answer leaves the write done
    # and the key pending: the retry then writes again. Without this, the key would stay
    # "in progress" for good, and the client would retry with a new key anyway.
    stored: Document | None = await collection.find_one({"_id": stored_id})
    if stored is None or stored["state"] != "pending" or stored["body_hash"] != body_hash:
        return False
    created = stored["created_at"]
    if isinstance(created, datetime) and created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    if not isinstance(created, datetime) or datetime.now(UTC) - created < ABANDONED_AFTER:
        return False
    result = await collection.update_one(
        {"_id": stored_id, "state": "pending", "attempt": stored.get("attempt")},
        {"$set": {"attempt": new_id()}, "$currentDate": {"created_at": True}},
    )
    return bool(result.modified_count == 1)


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


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
