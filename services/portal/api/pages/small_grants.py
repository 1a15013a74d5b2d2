"""Small grants (art. 19a) published for comments: anyone may comment for seven days."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.forms import FieldErrors
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, see_other

router = APIRouter(prefix="/municipalities/{municipality_id}/small-grants")
Municipality = Annotated[str, Path(pattern=r"^[0-9]{7}$")]
FIELDS = ("text", "author_name")


async def _list_page(
    request: Request,
    municipality_id: str,
    *,
    failed: str | None = None,
    errors: FieldErrors | None = None,
    entered: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    found = await portal(request).backends.json(
        "public_small_grants",
        municipality_id=municipality_id,
        language=session_of(request).language,
    )
    return await page(
        request,
        "small_grants.html",
        {
            "small_grants": found,
            "municipality_id": municipality_id,
            "municipalities": portal(request).settings.municipality_names(),
            "failed": failed,
            "errors": errors or FieldErrors(),
            "entered": entered or {},
        },
        status_code=status_code,
    )


@router.get("", response_class=HTMLResponse)
async def small_grants(request: Request, municipality_id: Municipality) -> HTMLResponse:
    """List the simplified offers open for comments, each with its comment form."""
    return await _list_page(request, municipality_id)


@router.post("/{small_grant_id}/comments", dependencies=[Depends(check_csrf)])
async def comment(request: Request, municipality_id: Municipality, small_grant_id: str) -> Response:
    """Send a comment, signed in or not; a problem shows at its field."""
    form = await request.form()
    entered = {name: str(form.get(name, "")).strip() for name in FIELDS}
    body: dict[str, Any] = {"text": entered["text"]}
    if entered["author_name"]:
        body["author_name"] = entered["author_name"]
    user = session_of(request).user
    try:
        await portal(request).backends.call(
            "comment_small_grant",
            municipality_id=municipality_id,
            small_grant_id=small_grant_id,
            token=user.token if user else None,
            json=body,
            language=session_of(request).language,
        )
    except BackendProblem as problem:
        if problem.status not in (409, 422, 429):
            raise
        return await _list_page(
            request,
            municipality_id,
            failed=small_grant_id,
            errors=FieldErrors.of(problem, FIELDS),
            entered=entered,
            status_code=problem.status,
        )
    here = quote(small_grant_id, safe="")
    return see_other(f"/municipalities/{municipality_id}/small-grants?sent={here}#sg-{here}")
