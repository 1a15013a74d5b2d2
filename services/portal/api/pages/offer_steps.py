"""The offer generator: one page per section of annex 1, rows added and removed, live checks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.forms import FieldErrors
from services.portal.api.offer_form import (
    ROWS,
    STEPS,
    StepValues,
    apply,
    entered,
    errors_at,
    parts,
    slots,
    step_of,
    values_of,
)
from services.portal.api.pages.member import ngo_member
from services.portal.api.pages.offers import call, load_offer, problem_at_fields
from services.portal.api.rendering.templates import page, render
from services.portal.api.web import check_csrf, see_other

router = APIRouter(prefix="/offers/{offer_id}/steps")
Step = Annotated[str, Path(pattern="^(" + "|".join(STEPS) + ")$")]
_PARTNERS_FOUND = 10


async def _step_page(
    request: Request,
    offer: dict[str, Any],
    step: str,
    values: StepValues,
    *,
    breaches: FieldErrors,
    problems: FieldErrors | None = None,
    found: list[dict[str, Any]] | None = None,
    totals: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "step_of": step_of,
        "parts": parts,
        "totals": totals if totals is not None else offer["totals"],
        "offer": offer,
        "step": step,
        "steps": STEPS,
        "values": values,
        "breaches": breaches,
        "errors": problems or FieldErrors(),
        "all_breaches": errors_at(offer["breaches"]),
        "found": found,
        "query": values.fields.get("partner_query", ""),
    }
    return await page(request, "offer_step.html", context, status_code=status_code)


@router.get("/{step}", response_class=HTMLResponse)
async def show(request: Request, offer_id: str, step: Step) -> Response:
    """Show one section of the offer with what is saved and what still breaks a rule."""
    offer = await load_offer(request, offer_id)
    if offer["state"] != "draft":
        return see_other(f"/offers/{offer_id}")
    values = values_of(offer["content"], step)
    breaches = errors_at(offer["breaches"], step)
    return await _step_page(request, offer, step, values, breaches=breaches)


def _action(form: FormData) -> tuple[str, str]:
    """Return which button was pressed: go to a step, add or remove a row, find a partner."""
    for name in ("remove_row", "add_row", "find", "add_partner", "go"):
        value = form.get(name)
        if isinstance(value, str):
            return name, value
    return "go", "summary"


async def _with_partner(request: Request, values: StepValues, organization_id: str) -> None:
    found = await portal(request).backends.json(
        "public_organization", organization_id=organization_id,
        language=session_of(request).language,
    )  # fmt: skip
    values.rows.append({"organization_id": found["id"], "name": found["name"]})


async def _search(request: Request, query: str) -> list[dict[str, Any]]:
    user = ngo_member(request)
    found = await portal(request).backends.json(
        "public_organizations",
        params={"q": query, "municipality": user.tenant_id, "limit": _PARTNERS_FOUND},
        language=session_of(request).language,
    )
    own = user.organization_id
    items = found.get("items", []) if isinstance(found, dict) else []
    return [item for item in items if item.get("id") != own]


def _edit_rows(step: str, values: StepValues, action: str, argument: str) -> None:
    """Add an empty row, or remove the one whose button was pressed."""
    if action == "add_row":
        values.rows.append({"category": "action"} if step == "budget" else {})
    elif argument.isdigit() and int(argument) < len(values.rows):
        del values.rows[int(argument)]


async def _dry_run(
    request: Request, offer_id: str, content: dict[str, Any], step: str
) -> tuple[dict[str, Any] | None, FieldErrors]:
    """Return the totals and the step's breaches of unsaved contents (no totals if refused)."""
    try:
        checked = await call(request, "check_offer", offer_id=offer_id, json=content)
    except BackendProblem as problem:
        if problem.status != 422:
            raise
        return None, errors_at(problem.errors, step)
    return checked["totals"], errors_at(checked["breaches"], step)


@router.post("/{step}", dependencies=[Depends(check_csrf)])
async def save(request: Request, offer_id: str, step: Step) -> Response:
    """Save the section and go on; a row added or removed shows the section again, unsaved."""
    form = await request.form()
    offer = await load_offer(request, offer_id)
    values = entered(step, form)
    action, argument = _action(form)
    if action in ("add_row", "remove_row") and step in ROWS:
        _edit_rows(step, values, action, argument)
        totals, breaches = await _dry_run(
            request, offer_id, apply(offer["content"], step, values), step
        )
        return await _step_page(
            request, offer, step, values, breaches=breaches, totals=totals or {}
        )
    if action == "find":
        values.fields["partner_query"] = str(form.get("partner_query", "")).strip()
        found = await _search(request, values.fields["partner_query"])
        breaches = errors_at(offer["breaches"], step)
        return await _step_page(request, offer, step, values, breaches=breaches, found=found)
    if action == "add_partner":
        await _with_partner(request, values, argument)
    if step != "summary":
        refused = await _revise(request, offer, step, values)
        if refused is not None:
            return refused
    target = argument if action == "go" and argument in STEPS else step
    return see_other(f"/offers/{offer_id}/steps/{target}")


async def _revise(
    request: Request, offer: dict[str, Any], step: str, values: StepValues
) -> HTMLResponse | None:
    """Save the step into the draft; return the step again if the grants service refuses it."""
    content = apply(offer["content"], step, values)
    try:
        await call(request, "revise_offer", offer_id=offer["id"], json=content)
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        return await _step_page(
            request,
            offer,
            step,
            values,
            breaches=errors_at(offer["breaches"], step),
            problems=problem_at_fields(problem),
            status_code=problem.status,
        )
    return None


@router.post("/{step}/checks", dependencies=[Depends(check_csrf)], response_class=HTMLResponse)
async def checks(request: Request, offer_id: str, step: Step) -> HTMLResponse:
    """Answer the totals and the section's breaches of what is typed now, without saving it."""
    try:
        form = await request.form()
    except ClientDisconnect:  # a newer check replaced this one while its form was on the way
        return HTMLResponse("", status_code=204)
    offer = await load_offer(request, offer_id)
    values = entered(step, form)
    totals, breaches = await _dry_run(
        request, offer_id, apply(offer["content"], step, values), step
    )
    context = {"step": step, "slots": slots(step, values), "totals": totals,
               "errors": FieldErrors(), "breaches": breaches}  # fmt: skip
    return render(request, "offer_checks.html", context)
