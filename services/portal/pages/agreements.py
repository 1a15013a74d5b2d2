"""An NGO member's agreements, the reports each owes (annex 5), and starting one."""

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

router = APIRouter(prefix="/agreements")
FIELDS = ("obligation", "period.start", "period.end")


def _reader(request: Request) -> User:
    # Agreements are read by the organization's members and the municipality's officers.
    user = current_user(request)
    if not ({"ngo_member", "tenant_officer"} & set(user.roles)):
        raise BackendProblem(status=403)
    return user


async def _agreement_page(
    request: Request,
    user: User,
    agreement_id: str,
    *,
    errors: FieldErrors | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    backends, language = portal(request).backends, session_of(request).language
    agreement = await backends.json(
        "agreement", agreement_id=agreement_id, token=user.token, language=language
    )
    reports = await backends.json(
        "agreement_reports", agreement_id=agreement_id, token=user.token, language=language
    )
    by_obligation = {r["obligation"]: r for r in reports}
    obligations = [{**o, "report": by_obligation.get(o["key"])} for o in agreement["obligations"]]
    context = {
        "agreement": agreement,
        "obligations": obligations,
        "errors": errors or FieldErrors(),
        "may_report": user.organization_id == agreement["organization_id"],
    }
    return await page(request, "agreement.html", context, status_code=status_code)


@router.get("", response_class=HTMLResponse)
async def agreements(request: Request) -> HTMLResponse:
    """List the agreements I may read (an NGO member: my organization's)."""
    user = _reader(request)
    found = await portal(request).backends.json(
        "agreements", token=user.token, language=session_of(request).language
    )
    return await page(request, "agreements.html", {"agreements": found})


@router.get("/{agreement_id}", response_class=HTMLResponse)
async def agreement(request: Request, agreement_id: str) -> HTMLResponse:
    """Show an agreement with the reports it asks for and where each stands."""
    return await _agreement_page(request, _reader(request), agreement_id)


def _draft(form: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"obligation": str(form.get("obligation", "")).strip()}
    start, end = (str(form.get(f"period.{n}", "")).strip() for n in ("start", "end"))
    if start or end:
        body["period"] = {"start": start or None, "end": end or None}
    return body


@router.post("/{agreement_id}/reports", dependencies=[Depends(check_csrf)])
async def start_report(request: Request, agreement_id: str) -> Response:
    """Start the report of one obligation and open its form."""
    user = _reader(request)
    try:
        report = await portal(request).backends.json(
            "draft_report", agreement_id=agreement_id, token=user.token,
            json=_draft(await request.form()), language=session_of(request).language,
        )  # fmt: skip
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        errors = FieldErrors.of(problem, FIELDS)
        return await _agreement_page(
            request, user, agreement_id, errors=errors, status_code=problem.status
        )
    return see_other(f"/reports/{report['id']}")
