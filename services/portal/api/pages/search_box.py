"""The search box of a public list page: ask the service with `q`, show its 422 at the box."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.forms import FieldErrors

__all__ = ["searched"]

_MAX_Q = 800  # the service refuses more than 100 characters, naming `q`; this only caps the URL


async def searched(request: Request, route: str, **path: str) -> tuple[str, Any, FieldErrors]:
    """Return the typed words, the route's answer for them and any error placed at `q`."""
    q = request.query_params.get("q", "").strip()[:_MAX_Q]
    try:
        found = await portal(request).backends.json(
            route,
            params={"q": q} if q else None,
            language=session_of(request).language,
            **path,
        )
    except BackendProblem as problem:
        if problem.status != 422:
            raise
        return q, [], FieldErrors.of(problem, ("q",))
    return q, found, FieldErrors()
