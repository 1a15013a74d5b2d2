"""Routes of small grants (art. 19a) and yearly caps: parse, call one use case, answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from services.grants.api.deps import SmallGrants
from services.grants.api.schemas.agreements import AgreementView, RepresentativesBody
from services.grants.api.schemas.small_grants import (
    CommentPage,
    DeclineBody,
    PolicyBody,
    PolicyView,
    SmallGrantFormBody,
    SmallGrantView,
)
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(tags=["small grants"], route_class=BodyFieldsRoute)
Year = Annotated[int, Path(ge=2000, le=2100, description="Budget year.")]
COMMENTS_IN_VIEW = 100


@router.post("/small-grants", status_code=status.HTTP_201_CREATED, summary="Send a small grant")
async def receive_small_grant(
    body: SmallGrantFormBody, principal: CurrentPrincipal, use: SmallGrants, response: Response
) -> SmallGrantView:
    """Send a simplified offer outside a competition (up to 10,000 PLN and 90 days)."""
    small_grant = await use.receive(principal, body.to_form())
    response.headers["Location"] = f"/small-grants/{small_grant.id}"
    return SmallGrantView.of(small_grant)


@router.get("/small-grants", summary="Small grants I may read")
async def list_small_grants(principal: CurrentPrincipal, use: SmallGrants) -> list[SmallGrantView]:
    """Return the municipality's small grants, or the caller's organization's own."""
    return [SmallGrantView.of(s) for s in await use.list_visible(principal)]


@router.get("/small-grants/{small_grant_id}", summary="One small grant")
async def get_small_grant(
    small_grant_id: str, principal: CurrentPrincipal, use: SmallGrants
) -> SmallGrantView:
    """Return a small grant with its first page of comments."""
    small_grant = await use.get(principal, small_grant_id)
    comments = await use.comments_of(principal, small_grant_id, after=None, limit=COMMENTS_IN_VIEW)
    return SmallGrantView.of(small_grant, comments)


@router.get("/small-grants/{small_grant_id}/comments", summary="Comments on a small grant")
async def list_small_grant_comments(
    small_grant_id: str,
    principal: CurrentPrincipal,
    use: SmallGrants,
    after: Annotated[
        str | None, Query(max_length=100, description="`next_cursor` of the previous page.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 100,
) -> CommentPage:
    """Return the offer's comments page by page, oldest first."""
    comments = await use.comments_of(principal, small_grant_id, after=after, limit=limit)
    return CommentPage.of(comments, limit)


@router.post("/small-grants/{small_grant_id}/publication", summary="Publish for comments")
async def publish_small_grant(
    small_grant_id: str, principal: CurrentPrincipal, use: SmallGrants
) -> SmallGrantView:
    """Publish the offer for seven days of public comments."""
    return SmallGrantView.of(await use.publish(principal, small_grant_id))


@router.post("/small-grants/{small_grant_id}/decline", summary="Decline")
async def decline_small_grant(
    small_grant_id: str, body: DeclineBody, principal: CurrentPrincipal, use: SmallGrants
) -> SmallGrantView:
    """Decline to fund the offer, telling the applicant why."""
    return SmallGrantView.of(await use.decline(principal, small_grant_id, body.reason))


@router.post(
    "/small-grants/{small_grant_id}/agreement",
    status_code=status.HTTP_201_CREATED,
    summary="Conclude with an agreement",
)
async def conclude_small_grant(
    small_grant_id: str,
    principal: CurrentPrincipal,
    use: SmallGrants,
    body: RepresentativesBody | None = None,
) -> AgreementView:
    """Prepare the agreement after the comment period, within the year's caps."""
    representatives = (body or RepresentativesBody()).to_representatives()
    return AgreementView.of(await use.conclude(principal, small_grant_id, representatives))


@router.put("/small-grant-policies/{year}", summary="Set the yearly caps")
async def set_policy(
    year: Year, body: PolicyBody, principal: CurrentPrincipal, use: SmallGrants
) -> PolicyView:
    """Set the municipality's small-grant caps of one year (within art. 19a)."""
    return PolicyView.of(await use.set_policy(principal, body.to_policy(year)))


@router.get(
    "/small-grant-policies/{year}",
    summary="The yearly caps",
    responses={409: {"description": "The municipality set no caps for that year."}},
)
async def get_policy(year: Year, principal: CurrentPrincipal, use: SmallGrants) -> PolicyView:
    """Return the municipality's small-grant caps of one year."""
    return PolicyView.of(await use.policy(principal, year))
