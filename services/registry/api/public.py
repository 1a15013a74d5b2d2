"""Public NGO database routes: no token, public fields only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import pydantic_core
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from services.registry.api.deps import Public
from services.registry.domain.organization import Status
from services.registry.domain.profile import LegalForm, Scope
from services.registry.domain.public_query import PublicQuery
from shared.http.cursors import decode_cursor, encode_cursor
from shared.http.problems import request_language
from shared.http.rate_limit import rate_limit
from shared.http.routing import BodyFieldsRoute
from shared.mongo import Document
from shared.public_benefit import PublicBenefitArea

router = APIRouter(
    route_class=BodyFieldsRoute,
    prefix="/public",
    tags=["public NGO database"],
    dependencies=[rate_limit("public_reads")],
)


class PublicOrganization(BaseModel):
    """An organization's public record."""

    id: str
    name: str
    short_name: str | None = None
    legal_form: str
    krs: str | None = None
    nip: str | None = None
    regon: str | None = None
    public_benefit_status: bool = False
    status: str
    scope: str | None = None
    address: dict[str, Any] = Field(default_factory=dict)
    public_email: str | None = None
    public_phone: str | None = None
    website: str | None = None
    public_benefit_areas: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    social_services: list[str] = Field(default_factory=list)
    description: str | None = None
    declarations: dict[str, bool] = Field(default_factory=dict)
    listed_in: list[str] = Field(default_factory=list, description="Municipalities listing it.")
    registered_at: datetime

    @classmethod
    def of(cls, document: Document) -> PublicOrganization:
        """Render a public record."""
        # A null stored before PATCH refused nulls falls back to the field's default.
        profile = {k: v for k, v in document["profile"].items() if v is not None}
        return cls(
            id=document["_id"],
            **profile,
            status=document["status"],
            listed_in=document.get("listed_in", []),
            registered_at=document["registered_at"],
        )


class PublicPage(BaseModel):
    """One page of search results."""

    items: list[PublicOrganization]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    facets: dict[str, dict[str, int]] | None = Field(
        None,
        description="Matches per municipality, area, legal_form and opp, over all pages.",
    )
    highlights: dict[str, dict[str, str]] | None = Field(
        None,
        description=(
            "Per organization id, its name, short_name or description as escaped HTML with "
            "the matched words in <mark>; only with `q`."
        ),
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


_FIELDS = tuple(PublicOrganization.model_fields)
_DEFAULTS = {
    name: info.get_default(call_default_factory=True)
    for name, info in PublicOrganization.model_fields.items()
    if not info.is_required()
}


def public_record(document: Document) -> dict[str, Any]:
    """Return what `PublicOrganization.of(document)` serializes to, without building it."""
    profile = document["profile"]
    own = {
        "id": document["_id"],
        "status": document["status"],
        "listed_in": document.get("listed_in", []),
        "registered_at": document["registered_at"],
    }
    record: dict[str, Any] = {}
    for name in _FIELDS:
        value = own[name] if name in own else profile.get(name)
        record[name] = _DEFAULTS.get(name) if value is None else value
    return record


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
