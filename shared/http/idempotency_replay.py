"""Rebuild the answer to a committed request whose process died before it answered."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from fastapi.routing import iter_route_contexts
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Scope

__all__ = ["Answer", "rebuild_answer"]

_CREATING = {201, 202}
_DROPPED = {b"content-type", b"content-length", b"idempotency-key", b"transfer-encoding"}


@dataclass(frozen=True)
class Answer:
    """A captured HTTP answer."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


async def rebuild_answer(app: ASGIApp, scope: Scope, subject: str | None) -> Answer | None:
    """Read back what the committed POST in `scope` wrote, as that POST would have answered.

    A creating POST (201, 202) answers with the resource its transaction is about (the first
    event's key, or an id the work named) and its Location; any other with the resource it acts
    on (`<path>` or its parent, as `/offers/{id}/submission` acts on `/offers/{id}`); both with
    the route's own success status. None when nothing reads back.
    """
    declared = _declared_status(scope)
    path = scope["path"].rstrip("/")
    parent, _, last = path.rpartition("/")
    first = path.split("/")[1] if path else ""
    creating = declared in _CREATING
    # A creating POST's answer is what it created, never the resource it was posted under:
    # `/organizations/{id}`, `/consultations/{c}/comments/{id}`, `/offers/{id}` (posted to
    # `/competitions/{c}/offers`), `/competitions/{id}` (posted to `/competitions/{c}/copy`).
    created = [f"{path}/{subject}", f"/{last}/{subject}", f"/{first}/{subject}"]
    candidates = (created if subject else []) if creating else [path, parent]
    for candidate in dict.fromkeys(candidates):
        found = await _get(app, scope, candidate) if candidate else None
        if found is None or found.status != 200 or found.body.lstrip().startswith(b"["):
            continue  # a list is never the answer: `GET /organizations` lists, POST creates one
        headers = [(k, v) for k, v in found.headers if k.lower() == b"content-type"]
        if creating:
            location = (b"location", candidate.encode())
            return Answer(declared or 201, [*headers, location], found.body)
        return Answer(declared or 200, headers, found.body)
    return None


def _declared_status(scope: Scope) -> int | None:
    """Return the status the POST route in `scope` answers with when it succeeds."""
    for route in iter_route_contexts(scope["app"].routes):
        path = route.path if "POST" in (route.methods or ()) else None
        if path and compile_path(path)[0].fullmatch(scope["path"]):
            status = getattr(route, "status_code", None)
            return int(status) if status else None
    return None


async def _get(app: ASGIApp, scope: Scope, path: str) -> Answer:
    headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() not in _DROPPED]
    get_scope = {
        **scope,
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": headers,
    }
    captured: dict[str, typing.Any] = {"status": 500, "headers": [], "body": b""}

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            captured["status"] = message["status"]
            captured["headers"] = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            captured["body"] += message.get("body", b"")

    await app(get_scope, receive, send)
    return Answer(captured["status"], captured["headers"], captured["body"])
