"""An NGO member edits the organization's profile; each problem shows at its field."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.forms import FieldErrors
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, current_user, see_other

router = APIRouter(prefix="/organization")

TEXT_FIELDS = ("name", "short_name", "public_email", "public_phone", "website", "description")
ADDRESS_FIELDS = ("address.street", "address.postal_code", "address.city")
FIELDS = (*TEXT_FIELDS, *ADDRESS_FIELDS, "public_benefit_areas")


def _member(request: Request) -> Any:
    user = current_user(request)
    if not user.is_ngo_member:
        raise BackendProblem(status=403)
    return user


def _values(record: dict[str, Any]) -> dict[str, str]:
    address = record.get("address") or {}
    values = {name: str(record.get(name) or "") for name in TEXT_FIELDS}
    for name in ADDRESS_FIELDS:
        values[name] = str(address.get(name.split(".", 1)[1]) or "")
    return values


def _patch(entered: dict[str, str], record: dict[str, Any]) -> dict[str, Any]:
    """Return only what changed: an untouched optional field is not sent as an empty text."""
    before = _values(record)
    body: dict[str, Any] = {
        name: entered[name] or None for name in TEXT_FIELDS if entered[name] != before[name]
    }
    if any(entered[name] != before[name] for name in ADDRESS_FIELDS):
        address = dict(record.get("address") or {})
        for name in ADDRESS_FIELDS:
            address[name.split(".", 1)[1]] = entered[name] or None
        body["address"] = {k: v for k, v in address.items() if v is not None}
    return body


async def _form(
    request: Request,
    record: dict[str, Any],
    values: dict[str, str],
    errors: FieldErrors,
    status_code: int = 200,
) -> HTMLResponse:
    return await page(
        request,
        "organization_edit.html",
        {"organization": record, "values": values, "errors": errors},
        status_code=status_code,
    )


async def _record(request: Request, token: str, organization_id: str) -> dict[str, Any]:
    record: dict[str, Any] = await portal(request).backends.json(
        "organization", organization_id=organization_id, token=token,
        language=session_of(request).language,
    )  # fmt: skip
    return record


@router.get("/edit", response_class=HTMLResponse)
async def edit(request: Request) -> HTMLResponse:
    """Show my organization's profile form."""
    user = _member(request)
    record = await _record(request, user.token, user.organization_id)
    return await _form(request, record, _values(record), FieldErrors())


@router.post("/edit", dependencies=[Depends(check_csrf)])
async def save(request: Request) -> Response:
    """Send the changes; the registry's problems come back at their fields."""
    user = _member(request)
    record = await _record(request, user.token, user.organization_id)
    form = await request.form()
    entered = {name: str(form.get(name, "")).strip() for name in (*TEXT_FIELDS, *ADDRESS_FIELDS)}
    body = _patch(entered, record)
    if body:
        try:
            await portal(request).backends.call(
                "change_organization", organization_id=user.organization_id,
                token=user.token, json=body, language=session_of(request).language,
            )  # fmt: skip
        except BackendProblem as problem:
            if problem.status not in (409, 422):
                raise
            errors = FieldErrors.of(problem, FIELDS)
            return await _form(request, record, entered, errors, problem.status)
    return see_other("/dashboard?saved=1")
