"""The cooperation-quality scorecard: filled while a round is open, its result once published."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import BackendProblem
from services.portal.api.forms import FieldErrors
from services.portal.api.pages.member import NGO_OR_OFFICER, as_user, member_of
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, current_user, see_other
from services.portal.domain.session import User

router = APIRouter(prefix="/index-rounds")


async def _round_page(
    request: Request,
    user: User,
    round_id: str,
    *,
    entered: dict[str, str] | None = None,
    errors: FieldErrors | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    if set(NGO_OR_OFFICER) & set(user.roles):
        found = await as_user(request, user, "index_round", round_id=round_id)
    else:  # anyone may hear of a published result (a resident too): the public one is theirs
        found = await as_user(
            request, user, "public_index_round", tenant_id=user.tenant_id, round_id=round_id
        )
    catalogue = await as_user(request, user, "index_catalogue")
    context = {
        "round": found,
        "catalogue": catalogue,
        "entered": entered or {},
        "errors": errors or FieldErrors(),
    }
    return await page(request, "index_round.html", context, status_code=status_code)


@router.get("", response_class=HTMLResponse)
async def rounds(request: Request) -> HTMLResponse:
    """List my municipality's assessment rounds, open ones first."""
    user = member_of(request, *NGO_OR_OFFICER)
    found = await as_user(request, user, "index_rounds")
    ordered = sorted(found, key=lambda r: (r["state"] != "open", r["assessed_on"]))
    return await page(request, "index_rounds.html", {"rounds": ordered})


@router.get("/{round_id}", response_class=HTMLResponse)
async def index_round(request: Request, round_id: str) -> HTMLResponse:
    """Show a round: the scorecard while it is open, the result once published."""
    return await _round_page(request, current_user(request), round_id)


def _scores(form: Any) -> tuple[dict[str, str], dict[str, int | None]]:
    entered = {k[len("score.") :]: str(v) for k, v in form.multi_items() if k.startswith("score.")}
    scores = {code: int(v) if v.isdigit() else None for code, v in entered.items()}
    return entered, scores


@router.post("/{round_id}/scorecard", dependencies=[Depends(check_csrf)])
async def scorecard(request: Request, round_id: str) -> Response:
    """Hand in my scorecard (a new one replaces mine); a problem shows at its indicator."""
    user = member_of(request, *NGO_OR_OFFICER)
    entered, scores = _scores(await request.form())
    try:
        await as_user(request, user, "submit_scorecard", round_id=round_id, json={"scores": scores})
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        errors = FieldErrors.of(problem, [f"scores.{code}" for code in entered])
        return await _round_page(
            request, user, round_id, entered=entered, errors=errors, status_code=problem.status
        )
    return see_other(f"/index-rounds/{round_id}?sent=1")
