"""The cooperation-quality scorecard: filled while a round is open, its result once published."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.backend import BackendProblem
from services.portal.forms import FieldErrors
from services.portal.rendering import page
from services.portal.sessions import User
from services.portal.state import portal, session_of
from services.portal.web import check_csrf, current_user, see_other

router = APIRouter(prefix="/index-rounds")
_RATERS = {"ngo_member", "tenant_officer"}


def _rater(request: Request) -> User:
    # Officers and NGO representatives of the municipality take part; others have no round.
    user = current_user(request)
    if not (_RATERS & set(user.roles)):
        raise BackendProblem(status=403)
    return user


async def _round_page(
    request: Request,
    user: User,
    round_id: str,
    *,
    entered: dict[str, str] | None = None,
    errors: FieldErrors | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    backends, language = portal(request).backends, session_of(request).language
    found = await backends.json(
        "index_round", round_id=round_id, token=user.token, language=language
    )
    catalogue = await backends.json("index_catalogue", language=language)
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
    user = _rater(request)
    found = await portal(request).backends.json(
        "index_rounds", token=user.token, language=session_of(request).language
    )
    ordered = sorted(found, key=lambda r: (r["state"] != "open", r["assessed_on"]), reverse=False)
    return await page(request, "index_rounds.html", {"rounds": ordered})


@router.get("/{round_id}", response_class=HTMLResponse)
async def index_round(request: Request, round_id: str) -> HTMLResponse:
    """Show a round: the scorecard while it is open, the result once published."""
    return await _round_page(request, _rater(request), round_id)


def _scores(form: Any) -> tuple[dict[str, str], dict[str, int | None]]:
    entered = {k[len("score.") :]: str(v) for k, v in form.multi_items() if k.startswith("score.")}
    scores = {code: int(v) if v.isdigit() else None for code, v in entered.items()}
    return entered, scores


@router.post("/{round_id}/scorecard", dependencies=[Depends(check_csrf)])
async def scorecard(request: Request, round_id: str) -> Response:
    """Hand in my scorecard (a new one replaces mine); a problem shows at its indicator."""
    user = _rater(request)
    entered, scores = _scores(await request.form())
    try:
        await portal(request).backends.call(
            "submit_scorecard", round_id=round_id, token=user.token,
            json={"scores": scores}, language=session_of(request).language,
        )  # fmt: skip
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        errors = FieldErrors.of(problem, [f"scores.{code}" for code in entered])
        return await _round_page(
            request, user, round_id, entered=entered, errors=errors, status_code=problem.status
        )
    return see_other(f"/index-rounds/{round_id}?sent=1")
