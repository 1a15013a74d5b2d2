"""Routes of the municipality's digests: the weekly bulletin as HTML or Markdown."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from services.notifications.api.deps import CallerLanguage, Digests, Officer
from services.notifications.domain.digest import Period
from shared.http.problems import request_language
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, prefix="/digests", tags=["digests"])

Format = Annotated[
    Literal["html", "markdown"], Query(description="html or markdown (for the printed bulletin).")
]
_MEDIA = {"html": "text/html; charset=utf-8", "markdown": "text/markdown; charset=utf-8"}
_TEXT = {"schema": {"type": "string"}}
_DOCUMENTED: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": _TEXT, "text/markdown": _TEXT}}
}


async def _answer(
    request: Request,
    digests: Digests,
    principal: Officer,
    period: Period,
    fmt: str,
    caller_language: str | None,
) -> Response:
    text = await digests.bulletin(
        principal,
        period,
        markdown=fmt == "markdown",
        language=request_language(request),
        caller_language=caller_language,
    )
    extension = "md" if fmt == "markdown" else "html"
    return Response(
        text,
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": f'inline; filename="digest-{period.label}.{extension}"'},
    )


@router.get("/weekly", summary="The week's digest for the bulletin", responses=_DOCUMENTED)
async def weekly(
    request: Request,
    principal: Officer,
    digests: Digests,
    caller_language: CallerLanguage,
    week: Annotated[str, Query(description="ISO week, e.g. 2026-W47.", max_length=8)],
    format: Format = "html",
) -> Response:
    """Return the municipality's public digest of an ISO week."""
    period = Period.parse_week(week, digests.wording.zone)
    return await _answer(request, digests, principal, period, format, caller_language)


@router.get("/daily", summary="The day's digest", responses=_DOCUMENTED)
async def daily(
    request: Request,
    principal: Officer,
    digests: Digests,
    caller_language: CallerLanguage,
    day: Annotated[date, Query(description="Day, e.g. 2026-11-23.")],
    format: Format = "html",
) -> Response:
    """Return the municipality's public digest of one day."""
    period = Period.day(day, digests.wording.zone)
    return await _answer(request, digests, principal, period, format, caller_language)
