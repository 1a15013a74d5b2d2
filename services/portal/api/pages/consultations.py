"""Consultations of a municipality, one consultation by section, and commenting on a section."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.forms import FieldErrors
from services.portal.api.pages.search_box import searched
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, current_user, see_other

router = APIRouter(prefix="/municipalities/{municipality_id}")
Municipality = Annotated[str, Path(pattern=r"^[0-9]{7}$")]
COMMENT_FIELDS = ("section_number", "current_wording", "proposed_wording", "justification")
# My comments on one consultation page; a "next comments" link leads on.
COMMENTS_PER_PAGE = 20


@router.get("/consultations", response_class=HTMLResponse)
async def consultations(request: Request, municipality_id: Municipality) -> HTMLResponse:
    """List the municipality's consultations, newest first; with `q`, best match first."""
    q, found, errors = await searched(request, "public_consultations", tenant_id=municipality_id)
    return await page(
        request,
        "consultations.html",
        {
            "consultations": found,
            "q": q,
            "errors": errors,
            "municipality_id": municipality_id,
            "municipalities": portal(request).settings.municipality_names(),
        },
        status_code=422 if errors else 200,
    )


async def _consultation_page(
    request: Request,
    municipality_id: str,
    consultation_id: str,
    *,
    errors: FieldErrors | None = None,
    entered: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    state = portal(request)
    session = session_of(request)
    found = await state.backends.json(
        "public_consultation",
        tenant_id=municipality_id,
        consultation_id=consultation_id,
        language=session.language,
    )
    mine: list[dict[str, Any]] = []
    mine_next: str | None = None
    if session.user is not None:
        params = {"cursor": request.query_params.get("comments"), "limit": COMMENTS_PER_PAGE}
        try:
            mine, mine_next = await state.backends.page(
                "comments",
                consultation_id=consultation_id,
                token=session.user.token,
                language=session.language,
                params=params,
            )
        except BackendProblem:
            mine = []  # a role that may not comment here has no comments to show
    return await page(
        request,
        "consultation.html",
        {
            "consultation": found,
            "municipality_id": municipality_id,
            "my_comments": mine,
            "my_comments_next": mine_next,
            "errors": errors or FieldErrors(),
            "entered": entered or {},
        },
        status_code=status_code,
    )


@router.get("/consultations/{consultation_id}", response_class=HTMLResponse)
async def consultation(
    request: Request, municipality_id: Municipality, consultation_id: str
) -> HTMLResponse:
    """Show a consultation's document by section, my comments and the comment form."""
    return await _consultation_page(request, municipality_id, consultation_id)


@router.get("/consultations/{consultation_id}/report", response_class=HTMLResponse)
async def report(
    request: Request, municipality_id: Municipality, consultation_id: str
) -> HTMLResponse:
    """Show a published report: every comment with the municipality's answer."""
    found = await portal(request).backends.json(
        "public_report",
        tenant_id=municipality_id,
        consultation_id=consultation_id,
        language=session_of(request).language,
    )
    return await page(request, "report.html", {"report": found, "municipality_id": municipality_id})


@router.post("/consultations/{consultation_id}/comments", dependencies=[Depends(check_csrf)])
async def comment(
    request: Request, municipality_id: Municipality, consultation_id: str
) -> Response:
    """Send a comment on one section; each problem shows at its field."""
    user = current_user(request)
    form = await request.form()
    entered = {k: str(form.get(k, "")) for k in COMMENT_FIELDS}
    body: dict[str, Any] = {
        "section_number": entered["section_number"],
        "justification": entered["justification"],
    }
    for optional in ("current_wording", "proposed_wording"):
        if entered[optional].strip():
            body[optional] = entered[optional]
    try:
        await portal(request).backends.call(
            "comment",
            consultation_id=consultation_id,
            token=user.token,
            json=body,
            language=session_of(request).language,
        )
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        return await _consultation_page(
            request,
            municipality_id,
            consultation_id,
            errors=FieldErrors.of(problem, COMMENT_FIELDS),
            entered=entered,
            status_code=problem.status,
        )
    here = quote(consultation_id, safe="")
    return see_other(f"/municipalities/{municipality_id}/consultations/{here}?sent=1#my-comments")
