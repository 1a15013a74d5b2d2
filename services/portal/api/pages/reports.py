"""A report under an agreement (annex 5): fill, save, submit, and see the officer's decision."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from services.portal.adapters.backend import BackendProblem
from services.portal.api.forms import FieldErrors
from services.portal.api.pages.member import NGO_OR_OFFICER, as_user, member_of
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, see_other
from services.portal.domain.session import User

router = APIRouter(prefix="/reports")
EXPENSE_SOURCES = ("grant", "own_financial", "in_kind", "volunteer_work")
_EDITABLE = ("draft", "returned")


def amount(text: str) -> str:
    """Return an amount as the API reads it: 1 234,50 (as Poles type it) becomes 1234.50."""
    cleaned = "".join(text.split()).replace("\u00a0", "").replace(",", ".")
    return cleaned or "0"


def _budget_lines(agreement: dict[str, Any]) -> list[dict[str, Any]]:
    budget = agreement.get("updated_budget") or agreement["budget"]
    return list(budget["lines"])


def _values(report: dict[str, Any], agreement: dict[str, Any]) -> dict[str, str]:
    """Return the form's fields filled from the stored report."""
    values = {"narrative": report["narrative"]}
    reached = {r["name"]: str(r["achieved_value"]) for r in report["results"]}
    for index, expected in enumerate(agreement["expected_results"]):
        values[f"results.{index}.achieved_value"] = reached.get(expected["name"], "")
    spent = {e["line_key"]: e for e in report["expenses"]}
    for index, line in enumerate(_budget_lines(agreement)):
        for source in EXPENSE_SOURCES:
            values[f"expenses.{index}.{source}"] = str(spent.get(line["key"], {}).get(source, ""))
    return values


def _entered(form: FormData, agreement: dict[str, Any]) -> dict[str, str]:
    names = ["narrative"]
    names += [f"results.{i}.achieved_value" for i in range(len(agreement["expected_results"]))]
    names += [
        f"expenses.{i}.{s}" for i in range(len(_budget_lines(agreement))) for s in EXPENSE_SOURCES
    ]
    return {name: str(form.get(name, "")).strip() for name in names}


def _contents(entered: dict[str, str], agreement: dict[str, Any]) -> dict[str, Any]:
    """Return the report's contents; a result not reported yet is not sent."""
    results = [
        {"name": expected["name"], "achieved_value": amount(value)}
        for i, expected in enumerate(agreement["expected_results"])
        if (value := entered[f"results.{i}.achieved_value"])
    ]
    expenses = [
        {
            "line_key": line["key"],
            **{s: amount(entered[f"expenses.{i}.{s}"]) for s in EXPENSE_SOURCES},
        }
        for i, line in enumerate(_budget_lines(agreement))
    ]
    return {"narrative": entered["narrative"], "results": results, "expenses": expenses}


async def _load(request: Request, user: User, report_id: str) -> tuple[dict[str, Any], ...]:
    report = await as_user(request, user, "report", report_id=report_id)
    agreement = await as_user(request, user, "agreement", agreement_id=report["agreement_id"])
    return report, agreement


async def _show(
    request: Request,
    user: User,
    report: dict[str, Any],
    agreement: dict[str, Any],
    *,
    values: dict[str, str] | None = None,
    errors: FieldErrors | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "report": report,
        "agreement": agreement,
        "lines": _budget_lines(agreement),
        "values": values or _values(report, agreement),
        "errors": errors or FieldErrors(),
        "editable": report["state"] in _EDITABLE
        and user.organization_id == report["organization_id"],
    }
    return await page(request, "report_form.html", context, status_code=status_code)


@router.get("/{report_id}", response_class=HTMLResponse)
async def report(request: Request, report_id: str) -> HTMLResponse:
    """Show a report: its form while it may change, else what was sent and the decision."""
    user = member_of(request, *NGO_OR_OFFICER)
    found, agreement = await _load(request, user, report_id)
    return await _show(request, user, found, agreement)


@router.post("/{report_id}", dependencies=[Depends(check_csrf)])
async def save(request: Request, report_id: str) -> Response:
    """Save the report; with `submit`, hand it in after saving."""
    user = member_of(request, *NGO_OR_OFFICER)
    found, agreement = await _load(request, user, report_id)
    form = await request.form()
    entered = _entered(form, agreement)
    try:
        contents = _contents(entered, agreement)
        await as_user(request, user, "revise_report", report_id=report_id, json=contents)
        if form.get("action") == "submit":
            await as_user(request, user, "submit_report", report_id=report_id)
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        errors = FieldErrors.of(problem, [*entered, "expenses", "results"])
        return await _show(
            request,
            user,
            found,
            agreement,
            values=entered,
            errors=errors,
            status_code=problem.status,
        )
    outcome = "submitted" if form.get("action") == "submit" else "saved"
    return see_other(f"/reports/{report_id}?{outcome}=1")
