"""Routes of the cooperation-quality index: rounds, scorecards, conclusions, comparisons."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from services.consultations.api.deps import Index, Language
from services.consultations.api.schemas.index import (
    CatalogueView,
    CentreComparisonView,
    ConclusionsBody,
    RoundComparisonView,
    RoundCreate,
    RoundView,
    ScorecardBody,
    ScorecardView,
)
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, tags=["cooperation-quality index"])


@router.get("/index/catalogue", summary="Indicators and the score scale")
async def catalogue(language: Language) -> CatalogueView:
    """Return the six areas with their indicators and what each score means."""
    return CatalogueView.build(language)


@router.post("/index-rounds", status_code=status.HTTP_201_CREATED, summary="Start a round")
async def start_round(
    body: RoundCreate, principal: CurrentPrincipal, use: Index, response: Response
) -> RoundView:
    """Start an assessment round of the officer's municipality."""
    round_ = await use.start(principal, title=body.title, assessed_on=body.assessed_on)
    response.headers["Location"] = f"/index-rounds/{round_.id}"
    return RoundView.of(round_)


@router.get("/index-rounds", summary="Rounds I may see")
async def list_rounds(principal: CurrentPrincipal, use: Index) -> list[RoundView]:
    """Return one's municipality's rounds; a centre's staff see members' published rounds."""
    return [RoundView.of(r) for r in await use.visible(principal)]


@router.get("/index-rounds/{round_id}", summary="One round and its result")
async def get_round(round_id: str, principal: CurrentPrincipal, use: Index) -> RoundView:
    """Return a round with its scores per indicator, area and overall."""
    return RoundView.of(await use.get(principal, round_id))


@router.put("/index-rounds/{round_id}/scorecard", summary="Hand in my scorecard")
async def submit_scorecard(
    round_id: str, body: ScorecardBody, principal: CurrentPrincipal, use: Index
) -> ScorecardView:
    """Score the indicators: officers and NGO representatives score apart; a new card replaces."""
    round_, card = await use.score(principal, round_id, body.scores)
    return ScorecardView.of(round_.id, card)


@router.put("/index-rounds/{round_id}/conclusions", summary="Record the conclusions")
async def record_conclusions(
    round_id: str, body: ConclusionsBody, principal: CurrentPrincipal, use: Index
) -> RoundView:
    """Record the conclusions of the moderated discussion, overall and per area."""
    round_ = await use.conclude(principal, round_id, summary=body.summary, by_area=body.by_area)
    return RoundView.of(round_)


@router.post("/index-rounds/{round_id}/publish", summary="Publish a round")
async def publish_round(round_id: str, principal: CurrentPrincipal, use: Index) -> RoundView:
    """Publish the result per area and overall; decision makers are told by event."""
    return RoundView.of(await use.publish(principal, round_id))


@router.get("/index-rounds/{round_id}/comparison", summary="Progress since an earlier round")
async def compare_rounds(
    round_id: str, earlier: str, principal: CurrentPrincipal, use: Index
) -> RoundComparisonView:
    """Return the change per area and overall from round `earlier` to this one."""
    return RoundComparisonView.of(await use.compare(principal, round_id, earlier))


@router.get("/centre/index-comparison", summary="Compare the centre's members")
async def compare_members(principal: CurrentPrincipal, use: Index) -> CentreComparisonView:
    """Line up the support centre's member municipalities, round by round."""
    named = await use.compare_members(principal)
    return CentreComparisonView.of(named.comparison, named.names)
