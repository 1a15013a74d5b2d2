"""Routes of competitions, grant decisions and results: parse, call one use case, answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from services.grants.api.deps import Competitions, Results
from services.grants.api.schemas.common import money
from services.grants.api.schemas.competitions import (
    CancelBody,
    CompetitionTermsBody,
    CompetitionView,
    CopyBody,
    GrantDecisionBody,
)
from services.grants.domain.competition.competition import CompetitionState
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(prefix="/competitions", tags=["competitions"], route_class=BodyFieldsRoute)


@router.post("", status_code=status.HTTP_201_CREATED, summary="Draft a competition")
async def draft_competition(
    body: CompetitionTermsBody, principal: CurrentPrincipal, use: Competitions, response: Response
) -> CompetitionView:
    """Draft a competition of the officer's municipality."""
    competition = await use.draft(principal, body.to_terms())
    response.headers["Location"] = f"/competitions/{competition.id}"
    return CompetitionView.of(competition)


@router.get("", summary="Competitions I may read")
async def list_competitions(
    principal: CurrentPrincipal,
    use: Competitions,
    state: CompetitionState | None = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 100,
) -> list[CompetitionView]:
    """Return the municipality's competitions (a support centre: its members'), newest first."""
    return [CompetitionView.of(c) for c in await use.list_visible(principal, state, limit)]


@router.get("/{competition_id}", summary="One competition")
async def get_competition(
    competition_id: str, principal: CurrentPrincipal, use: Competitions
) -> CompetitionView:
    """Return a competition the caller may read (drafts: officers only)."""
    return CompetitionView.of(await use.get(principal, competition_id))


@router.put("/{competition_id}", summary="Edit a draft")
async def revise_competition(
    competition_id: str, body: CompetitionTermsBody, principal: CurrentPrincipal, use: Competitions
) -> CompetitionView:
    """Replace the terms of a draft competition."""
    return CompetitionView.of(await use.revise(principal, competition_id, body.to_terms()))


@router.post(
    "/{competition_id}/copy", status_code=status.HTTP_201_CREATED, summary="Copy as a new draft"
)
async def copy_competition(
    competition_id: str,
    principal: CurrentPrincipal,
    use: Competitions,
    response: Response,
    body: CopyBody | None = None,
) -> CompetitionView:
    """Draft a new competition from an earlier one (e.g. last year's), dates moved by years."""
    copy = await use.copy(principal, competition_id, (body or CopyBody()).shift_years)
    response.headers["Location"] = f"/competitions/{copy.id}"
    return CompetitionView.of(copy)


@router.post("/{competition_id}/announcement", summary="Announce")
async def announce_competition(
    competition_id: str, principal: CurrentPrincipal, use: Competitions
) -> CompetitionView:
    """Announce a draft; the offer deadline must be at least 21 days away (art. 13(1))."""
    return CompetitionView.of(await use.announce(principal, competition_id))


@router.post("/{competition_id}/cancellation", summary="Cancel")
async def cancel_competition(
    competition_id: str, body: CancelBody, principal: CurrentPrincipal, use: Competitions
) -> CompetitionView:
    """Cancel a competition before its results, giving the reason."""
    return CompetitionView.of(await use.cancel(principal, competition_id, body.reason))


@router.post("/{competition_id}/review", summary="Start the review")
async def start_review(
    competition_id: str, principal: CurrentPrincipal, use: Competitions
) -> CompetitionView:
    """Open the formal review and the committee's work on a closed competition."""
    return CompetitionView.of(await use.start_review(principal, competition_id))


@router.post("/{competition_id}/archive", summary="Archive")
async def archive_competition(
    competition_id: str, principal: CurrentPrincipal, use: Competitions
) -> CompetitionView:
    """Archive a resolved competition."""
    return CompetitionView.of(await use.archive(principal, competition_id))


@router.put("/{competition_id}/grants/{offer_id}", summary="Decide an offer's grant")
async def decide_grant(
    competition_id: str,
    offer_id: str,
    body: GrantDecisionBody,
    principal: CurrentPrincipal,
    use: Results,
) -> CompetitionView:
    """Decide the grant of an offer: at most what it asks, all grants within the funds."""
    competition = await use.decide_grant(principal, competition_id, offer_id, money(body.amount))
    return CompetitionView.of(competition)


@router.post("/{competition_id}/results", summary="Publish the results")
async def publish_results(
    competition_id: str, principal: CurrentPrincipal, use: Results
) -> CompetitionView:
    """Publish the results once every formally accepted offer has its grant decided."""
    return CompetitionView.of(await use.publish(principal, competition_id))
