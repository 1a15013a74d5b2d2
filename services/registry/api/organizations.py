"""Routes about organizations and local lists: parse, call one use case, answer."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Response, status

from services.registry.api.deps import Organizations
from services.registry.api.schemas.organizations import (
    AuditEntryView,
    ListNote,
    OrganizationCreate,
    OrganizationPatch,
    OrganizationView,
    Refusal,
    StatusChange,
)
from services.registry.domain.organization.local_list import name_key
from services.registry.domain.organization.organization import Organization
from services.registry.services import OrganizationServices
from shared.http.cursors import (
    PageCursor,
    decode_cursor,
    encode_cursor,
    key_of_cursor,
    link_next_key,
)
from shared.http.deps import CurrentPrincipal
from shared.http.rate_limit import OFFICERS, rate_limit
from shared.http.routing import BodyFieldsRoute
from shared.tenancy import Principal

router = APIRouter(route_class=BodyFieldsRoute, tags=["organizations"])


async def _views(
    use: OrganizationServices, principal: Principal, *organizations: Organization
) -> list[OrganizationView]:
    # Needs-assessment notes are the staff's: shown to the listing municipality and its centre.
    readers = await use.note_readers(principal)
    return [OrganizationView.of(o, readers) for o in organizations]


async def _view(
    use: OrganizationServices, principal: Principal, organization: Organization
) -> OrganizationView:
    return (await _views(use, principal, organization))[0]


@router.post(
    "/organizations",
    status_code=status.HTTP_201_CREATED,
    summary="Register",
    dependencies=[rate_limit("writes", exempt=OFFICERS)],
)
async def register_organization(
    body: OrganizationCreate, principal: CurrentPrincipal, use: Organizations, response: Response
) -> OrganizationView:
    """Register an organization (an officer's is verified at once; an NGO's awaits review)."""
    organization = await use.register(principal, body.to_profile(), note=body.needs_assessment)
    response.headers["Location"] = f"/organizations/{organization.id}"
    return await _view(use, principal, organization)


@router.get("/organizations", summary="Organizations on my local lists")
async def list_organizations(
    principal: CurrentPrincipal,
    use: Organizations,
    response: Response,
    municipality: Annotated[str | None, Query(description="TERYT of one member list.")] = None,
    after: Annotated[
        str | None, Query(max_length=400, description="Name key the page starts after.")
    ] = None,
    cursor: Annotated[
        str | None,
        Query(max_length=600, description='From the `Link: <...>; rel="next"` header.'),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 100,
) -> list[OrganizationView]:
    """Return organizations on the caller's local list (a centre: its members' lists)."""
    found = await use.list_visible(
        principal,
        municipality_id=municipality,
        after=decode_cursor(cursor) if cursor else after,
        limit=limit,
    )
    if len(found) == limit:
        query: dict[str, str | int] = {"cursor": encode_cursor(name_key(found[-1])), "limit": limit}
        if municipality:
            query["municipality"] = municipality
        response.headers["Link"] = f'</organizations?{urlencode(query)}>; rel="next"'
    return await _views(use, principal, *found)


@router.get("/registrations", summary="Organizations I registered")
async def my_registrations(
    principal: CurrentPrincipal,
    use: Organizations,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size.")] = 50,
) -> list[OrganizationView]:
    """Return the organizations the caller registered, with their verification state."""
    return await _views(use, principal, *await use.registered_by_me(principal, limit=limit))


@router.get("/organizations/{organization_id}", summary="One organization")
async def get_organization(
    organization_id: str, principal: CurrentPrincipal, use: Organizations
) -> OrganizationView:
    """Return an organization the caller may see."""
    return await _view(use, principal, await use.get(principal, organization_id))


@router.patch("/organizations/{organization_id}", summary="Change an organization")
async def update_organization(
    organization_id: str, body: OrganizationPatch, principal: CurrentPrincipal, use: Organizations
) -> OrganizationView:
    """Change fields of an organization (its members, or officers of its home municipality)."""
    organization = await use.update(principal, organization_id, body.to_changes())
    return await _view(use, principal, organization)


@router.post("/organizations/{organization_id}/verification", summary="Verify")
async def verify_organization(
    organization_id: str, principal: CurrentPrincipal, use: Organizations
) -> OrganizationView:
    """Verify a registration or a member's change of name or numbers (home officers)."""
    return await _view(use, principal, await use.verify(principal, organization_id))


@router.post("/organizations/{organization_id}/verification/refusal", summary="Refuse")
async def refuse_verification(
    organization_id: str, body: Refusal, principal: CurrentPrincipal, use: Organizations
) -> OrganizationView:
    """Refuse a registration or a pending change, e.g. when its number is taken (home officers)."""
    organization = await use.refuse_verification(principal, organization_id, body.reason)
    return await _view(use, principal, organization)


@router.post("/organizations/{organization_id}/status", summary="Change legal status")
async def change_status(
    organization_id: str, body: StatusChange, principal: CurrentPrincipal, use: Organizations
) -> OrganizationView:
    """Change the legal status; deregistration erases contact persons' data."""
    organization = await use.change_status(principal, organization_id, body.status, body.reason)
    return await _view(use, principal, organization)


@router.get("/organizations/{organization_id}/history", summary="Audit trail")
async def organization_history(
    organization_id: str,
    principal: CurrentPrincipal,
    use: Organizations,
    response: Response,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 200,
) -> list[AuditEntryView]:
    """Return who changed which fields, newest first; the next page in the Link header."""
    entries, next_key = await use.history(
        principal, organization_id, limit=limit, before=key_of_cursor(cursor)
    )
    path = f"/organizations/{organization_id}/history"
    link_next_key(response, path, next_key, {"limit": limit})
    return [
        AuditEntryView(
            action=e.action,
            fields=list(e.fields),
            actor=e.actor,
            actor_tenant_id=e.actor_tenant_id,
            at=e.at.isoformat(),
        )
        for e in entries
    ]


@router.put("/local-list/{organization_id}", summary="Put on my local list")
async def put_on_local_list(
    organization_id: str, body: ListNote, principal: CurrentPrincipal, use: Organizations
) -> OrganizationView:
    """Put an organization on the officer's local list with a needs-and-potential note."""
    organization = await use.put_on_list(principal, organization_id, body.needs_assessment)
    return await _view(use, principal, organization)


@router.delete(
    "/local-list/{organization_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delist"
)
async def take_off_local_list(
    organization_id: str, principal: CurrentPrincipal, use: Organizations
) -> None:
    """Take an organization off the officer's local list."""
    await use.take_off_list(principal, organization_id)
