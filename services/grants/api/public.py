"""Public routes: open competitions, results and small grants per municipality, JSON and Atom."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response, status

from services.grants.api.deps import Language, Public, SmallGrants
from services.grants.api.schemas.public import PublicCompetitionView, PublishedResultsView
from services.grants.api.schemas.small_grants import (
    CommentBody,
    CommentView,
    PublicSmallGrantView,
)
from shared.http.deps import OptionalPrincipal
from shared.http.rate_limit import rate_limit
from shared.http.routing import BodyFieldsRoute
from shared.search.analysis import words
from shared.search.http import SearchText

router = APIRouter(
    prefix="/public/municipalities/{municipality_id}",
    tags=["public"],
    route_class=BodyFieldsRoute,
    dependencies=[rate_limit("public_reads")],
)
_ATOM: dict[int | str, dict[str, Any]] = {200: {"content": {"application/atom+xml": {}}}}


def _atom(body: bytes) -> Response:
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/competitions", summary="Open competitions")
async def open_competitions(
    municipality_id: str, use: Public, q: SearchText = None
) -> list[PublicCompetitionView]:
    """Return the municipality's competitions that take offers now; with `q`, those matching."""
    if q and words(q):
        found = await use.search_open(municipality_id, q)
        return [PublicCompetitionView.of(c, marks) for c, marks in found]
    return [PublicCompetitionView.of(c) for c in await use.open_competitions(municipality_id)]


@router.get(
    "/competitions.atom",
    summary="Atom feed of open competitions",
    response_class=Response,
    responses=_ATOM,
)
async def competitions_feed(municipality_id: str, use: Public, language: Language) -> Response:
    """Return the open competitions as Atom, for the municipality's website and bulletin."""
    return _atom(await use.competitions_feed(municipality_id, language))


@router.get("/results", summary="Published results")
async def published_results(municipality_id: str, use: Public) -> list[PublishedResultsView]:
    """Return the results of the municipality's competitions with the amounts granted."""
    return [PublishedResultsView.of(d) for d in await use.published_results(municipality_id)]


@router.get(
    "/results.atom",
    summary="Atom feed of results",
    response_class=Response,
    responses=_ATOM,
)
async def results_feed(municipality_id: str, use: Public, language: Language) -> Response:
    """Return the published results as Atom."""
    return _atom(await use.results_feed(municipality_id, language))


@router.get("/small-grants", summary="Small grants open for comments")
async def published_small_grants(
    municipality_id: str, use: SmallGrants, public: Public
) -> list[PublicSmallGrantView]:
    """Return the simplified offers the municipality published for comments (art. 19a(3))."""
    await public.municipality(municipality_id)
    return [PublicSmallGrantView.of(s) for s in await use.published(municipality_id)]


@router.post(
    "/small-grants/{small_grant_id}/comments",
    status_code=status.HTTP_201_CREATED,
    summary="Comment on a small grant",
    dependencies=[rate_limit("writes")],
)
async def comment_small_grant(
    municipality_id: str,
    small_grant_id: str,
    body: CommentBody,
    use: SmallGrants,
    request: Request,
    principal: OptionalPrincipal,
) -> CommentView:
    """Leave a comment on a published offer; anyone may, for seven days, within limits."""
    comment = await use.comment(
        municipality_id,
        small_grant_id,
        body.text,
        author_name=body.author_name,
        author_subject=principal.subject if principal else None,
        client_address=request.client.host if request.client else None,
    )
    return CommentView.of(comment)
