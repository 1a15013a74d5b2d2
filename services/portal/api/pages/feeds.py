"""The services' Atom feeds, passed through to the browser as they are."""

from __future__ import annotations

from fastapi import Request, Response

from services.portal.api.deps import portal, session_of

__all__ = ["atom_feed"]

_ATOM = "application/atom+xml; charset=utf-8"


async def atom_feed(request: Request, route: str, municipality_id: str) -> Response:
    """Return a service's Atom feed of a municipality, asked for in the session's language."""
    answer = await portal(request).backends.call(
        route, municipality_id=municipality_id, language=session_of(request).language
    )
    return Response(answer.content, media_type=_ATOM)
