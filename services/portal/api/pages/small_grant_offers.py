"""An NGO member sends a small-grant offer (art. 19a) and follows it to its publication."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from services.portal.adapters.backend import BackendProblem
from services.portal.api.forms import FieldErrors
from services.portal.api.offer_form import StepValues, apply, entered, parts
from services.portal.api.pages.member import ngo_member
from services.portal.api.pages.offers import call, problem_at_fields
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, see_other

router = APIRouter(prefix="/small-grants")
# The simplified offer is the offer generator's first steps on one page.
_PARTS = ("task", "budget", "results")


async def _form(
    request: Request,
    values: dict[str, StepValues],
    errors: FieldErrors,
    status_code: int = 200,
) -> HTMLResponse:
    context = {"task": values["task"], "budget": values["budget"], "results": values["results"],
               "errors": errors, "breaches": FieldErrors(), "parts": parts}  # fmt: skip
    return await page(request, "small_grant_offer_form.html", context, status_code=status_code)


def _entered(form: FormData) -> dict[str, StepValues]:
    return {step: entered(step, form) for step in _PARTS}


def _content(values: dict[str, StepValues]) -> dict[str, Any]:
    content: dict[str, Any] = {}
    for step in _PARTS:
        content = apply(content, step, values[step])
    content.pop("quantitative_results", None)  # this form asks for the results in words
    return content


@router.get("/mine", response_class=HTMLResponse)
async def mine(request: Request) -> HTMLResponse:
    """List my organization's small-grant offers and where each one is."""
    found = await call(request, "my_small_grants")
    user = ngo_member(request)
    own = [s for s in found or [] if s.get("organization_id") == user.organization_id]
    return await page(request, "small_grant_offers.html", {"small_grants": own})


@router.get("/new", response_class=HTMLResponse)
async def new(request: Request) -> HTMLResponse:
    """Show the simplified offer form with one empty cost line."""
    ngo_member(request)
    values = {step: StepValues() for step in _PARTS}
    values["budget"].rows.append({"category": "action"})
    return await _form(request, values, FieldErrors())


@router.post("/new", dependencies=[Depends(check_csrf)])
async def send(request: Request) -> Response:
    """Send the offer; a row added or removed shows the form again; problems at their fields."""
    form = await request.form()
    values = _entered(form)
    rows = values["budget"].rows
    if "add_row" in form:
        rows.append({"category": "action"})
        return await _form(request, values, FieldErrors())
    removed = str(form.get("remove_row", ""))
    if removed.isdigit():
        if int(removed) < len(rows):
            del rows[int(removed)]
        return await _form(request, values, FieldErrors())
    try:
        await call(request, "send_small_grant", json=_content(values))
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        return await _form(request, values, problem_at_fields(problem), problem.status)
    return see_other("/small-grants/mine?sent=1")
