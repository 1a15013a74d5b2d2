"""Public NGO database routes: no token, public fields only."""

from __future__ import annotations

from typing import Annotated, Literal

import pydantic_core
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from services.registry.api.deps import Public
from services.registry.api.schemas.public import PublicOrganization, PublicPage, public_record
from services.registry.domain.organization.organization import Status
from services.registry.domain.organization.profile import LegalForm, Scope
from services.registry.domain.public_query import PublicQuery
from shared.http.cursors import decode_cursor, encode_cursor
from shared.http.problems import request_language
from shared.http.rate_limit import rate_limit
from shared.http.routing import BodyFieldsRoute
from shared.public_benefit import PublicBenefitArea

router = APIRouter(
    route_class=BodyFieldsRoute,
    prefix="/public",
    tags=["public NGO database"],
    dependencies=[rate_limit("public_reads")],
)


async def _query(  # async: a plain def would cost each search a hop to the thread pool
    q: Annotated[
        str | None, Query(max_length=100, description="Text in name or description.")
    ] = None,
    municipality: Annotated[str | None, Query(pattern=r"^[0-9]{7}$")] = None,
    area: PublicBenefitArea | None = None,
    legal_form: LegalForm | None = None,
    scope: Scope | None = None,
    status: Status | None = None,
    opp: Annotated[bool | None, Query(description="Public benefit (OPP) status.")] = None,
    sort: Annotated[
        Literal["name", "-registered_at"] | None,
        Query(description="Default: by relevance with `q`, else by name."),
    ] = None,
    cursor: Annotated[str | None, Query(max_length=800, description="From `next_cursor`.")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> PublicQuery:
    return PublicQuery(
        text=q,
        municipality=municipality,
        area=area,
        legal_form=legal_form,
        scope=scope,
        status=status,
        public_benefit_status=opp,
        sort=sort,
        after=decode_cursor(cursor),
        limit=limit,
    )


SearchQuery = Annotated[PublicQuery, Depends(_query)]


@router.get("/organizations", summary="Search the public NGO database", response_model=PublicPage)
async def search(use: Public, query: SearchQuery) -> Response:
    """Return a page of verified organizations matching the filters (public fields only)."""
    found = await use.search(query)
    page = {
        "items": [public_record(d) for d in found.items],
        "next_cursor": encode_cursor(found.next_after) if found.next_after else None,
        "facets": found.facets or None,
        "highlights": found.highlights if query.text else None,
    }
    # Serialized once from the engine's records: building 50 models a page and validating
    # them again cost the registry about a tenth of each search (profiled at 20,000).
    return Response(pydantic_core.to_json(page), media_type="application/json")


@router.get(
    "/organizations.csv",
    summary="Export the search as CSV",
    dependencies=[rate_limit("exports")],
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
async def export_csv(use: Public, query: SearchQuery) -> StreamingResponse:
    """Stream every matching organization as CSV (UTF-8, header row, in platform-id order)."""
    return StreamingResponse(
        use.csv_rows(query),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="organizacje.csv"'},
    )


@router.get("/organizations/{organization_id}", summary="One public record")
async def get_public(organization_id: str, use: Public) -> PublicOrganization:
    """Return one verified organization's public record."""
    return PublicOrganization.of(await use.get(organization_id))


@router.get(
    "/municipalities/{municipality_id}/organizations.atom",
    summary="Atom feed of new organizations",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
async def atom_feed(municipality_id: str, request: Request, use: Public) -> Response:
    """Return the newest organizations of a municipality, for its website."""
    body = await use.atom_feed(municipality_id, request_language(request))
    return Response(body, media_type="application/atom+xml; charset=utf-8")
