"""An NGO member's agreements, the reports each owes (annex 5), and starting one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import BackendProblem
from services.portal.api.forms import FieldErrors
from services.portal.api.pages.member import NGO_OR_OFFICER, as_user, member_of
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, see_other
from services.portal.domain.session import User

router = APIRouter(prefix="/agreements")
FIELDS = ("obligation", "period", "period.start", "period.end")


async def _agreement_page(
    request: Request,
    user: User,
    agreement_id: str,
    *,
    errors: FieldErrors | None = None,
    failed: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    agreement = await as_user(request, user, "agreement", agreement_id=agreement_id)
    reports = await as_user(request, user, "agreement_reports", agreement_id=agreement_id)
    by_obligation = {r["obligation"]: r for r in reports}
    obligations = [{**o, "report": by_obligation.get(o["key"])} for o in agreement["obligations"]]
    context = {
        "agreement": agreement,
        "obligations": obligations,
        "errors": errors or FieldErrors(),
        "failed": failed,
        "may_report": user.organization_id == agreement["organization_id"],
    }
    return await page(request, "agreement.html", context, status_code=status_code)


@router.get("", response_class=HTMLResponse)
async def agreements(request: Request) -> HTMLResponse:
    """List the agreements I may read (an NGO member: my organization's)."""
    user = member_of(request, *NGO_OR_OFFICER)
    found = await as_user(request, user, "agreements")
    return await page(request, "agreements.html", {"agreements": found})


@router.get("/{agreement_id}", response_class=HTMLResponse)
async def agreement(request: Request, agreement_id: str) -> HTMLResponse:
    """Show an agreement with the reports it asks for and where each stands."""
    return await _agreement_page(request, member_of(request, *NGO_OR_OFFICER), agreement_id)


def _draft(form: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"obligation": str(form.get("obligation", "")).strip()}
    start, end = (str(form.get(f"period.{n}", "")).strip() for n in ("start", "end"))
    if start or end:
        body["period"] = {"start": start or None, "end": end or None}
    return body


@router.post("/{agreement_id}/reports", dependencies=[Depends(check_csrf)])
async def start_report(request: Request, agreement_id: str) -> Response:
    """Start the report of one obligation and open its form."""
    user = member_of(request, *NGO_OR_OFFICER)
    body = _draft(await request.form())
    try:
        report = await as_user(request, user, "draft_report", agreement_id=agreement_id, json=body)
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        errors = FieldErrors.of(problem, FIELDS)
        return await _agreement_page(
            request, user, agreement_id, errors=errors, failed=body["obligation"],
            status_code=problem.status,
        )  # fmt: skip
    return see_other(f"/reports/{report['id']}")
