"""Routes of the competition committee: parse, call one use case, answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from services.grants.adapters.documents import ranking_csv, sheets_csv
from services.grants.api.deps import Committees
from services.grants.api.schemas.committee import (
    AppointBody,
    CommitteeView,
    DeclarationBody,
    RankingView,
    SheetBody,
    SheetView,
)
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(
    prefix="/competitions/{competition_id}/committee",
    tags=["committee"],
    route_class=BodyFieldsRoute,
)
_CSV: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}}}


def _csv(text: str, filename: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post("", status_code=status.HTTP_201_CREATED, summary="Appoint the committee")
async def appoint_committee(
    competition_id: str, body: AppointBody, principal: CurrentPrincipal, use: Committees
) -> CommitteeView:
    """Appoint officers and NGO representatives to the competition's committee (once)."""
    members = [member.to_member() for member in body.members]
    return CommitteeView.of(await use.appoint(principal, competition_id, members))


@router.get("", summary="The committee")
async def get_committee(
    competition_id: str, principal: CurrentPrincipal, use: Committees
) -> CommitteeView:
    """Return the committee, its declarations and sheets handed in."""
    return CommitteeView.of(await use.get(principal, competition_id))


@router.post("/declarations", summary="Declare impartiality")
async def declare(
    competition_id: str, body: DeclarationBody, principal: CurrentPrincipal, use: Committees
) -> CommitteeView:
    """Sign the caller's conflict-of-interest declaration, naming offers to stay away from."""
    committee = await use.declare(principal, competition_id, body.conflicted_offer_ids)
    return CommitteeView.of(committee)


@router.put("/sheets/{offer_id}", summary="Score an offer")
async def score_offer(
    competition_id: str,
    offer_id: str,
    body: SheetBody,
    principal: CurrentPrincipal,
    use: Committees,
) -> SheetView:
    """Hand in (or replace) the caller's score sheet of a formally accepted offer."""
    sheet = await use.score(principal, competition_id, offer_id, body.to_scores())
    return SheetView.of(sheet)


@router.get("/ranking", summary="The ranking")
async def ranking(competition_id: str, principal: CurrentPrincipal, use: Committees) -> RankingView:
    """Return the offers by the mean of the members' totals, with each member's total."""
    return RankingView.of(await use.ranking(principal, competition_id))


@router.get("/sheets.csv", summary="Export score sheets", responses=_CSV)
async def export_sheets(
    competition_id: str,
    principal: CurrentPrincipal,
    use: Committees,
    member_id: Annotated[str | None, Query(description="One member's sheet only.")] = None,
) -> Response:
    """Return every member's (or one member's) scores per offer and criterion, as CSV."""
    found = await use.ranking(principal, competition_id)
    text = sheets_csv(found.committee, found.sheets(member_id), found.offers)
    return _csv(text, f"karty-oceny-{competition_id}.csv")


@router.get("/ranking.csv", summary="Export the ranking", responses=_CSV)
async def export_ranking(
    competition_id: str, principal: CurrentPrincipal, use: Committees
) -> Response:
    """Return the ranking with each member's total and the mean, as CSV."""
    found = await use.ranking(principal, competition_id)
    return _csv(ranking_csv(found.committee, found.entries), f"ranking-{competition_id}.csv")
