"""An NGO member self-registers an organization and follows its verification."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import session_of
from services.portal.api.forms import FieldErrors
from services.portal.api.pages.member import as_user, member_of
from services.portal.api.rendering.labels import LEGAL_FORMS
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, see_other

router = APIRouter()

TEXT_FIELDS = ("name", "krs", "nip", "regon", "public_email", "description")
ADDRESS_FIELDS = ("address.street", "address.postal_code", "address.city")
FIELDS = (*TEXT_FIELDS, "legal_form", *ADDRESS_FIELDS)


def _body(entered: dict[str, str]) -> dict[str, Any]:
    """Return the registration: empty optional fields are left out, not sent as empty texts."""
    body: dict[str, Any] = {name: entered[name] for name in TEXT_FIELDS if entered[name]}
    body["name"] = entered["name"]
    body["legal_form"] = entered["legal_form"]
    address = {n.split(".", 1)[1]: entered[n] for n in ADDRESS_FIELDS if entered[n]}
    if address:
        body["address"] = address
    return body


def verification_state(record: dict[str, Any]) -> str:
    """Return pending, verified or refused for a registered organization."""
    if record.get("verified"):
        return "verified"
    return "refused" if record.get("verification_refusal") else "pending"


async def _form(
    request: Request, values: dict[str, str], errors: FieldErrors, status_code: int = 200
) -> HTMLResponse:
    forms = {
        code: names[0 if session_of(request).language == "pl" else 1]
        for code, names in LEGAL_FORMS.items()
    }
    context = {"values": values, "errors": errors, "legal_forms": forms}
    return await page(request, "registration_form.html", context, status_code=status_code)


@router.get("/registrations/new", response_class=HTMLResponse)
async def new(request: Request) -> HTMLResponse:
    """Show the registration form."""
    member_of(request, "ngo_member")
    return await _form(request, dict.fromkeys(FIELDS, ""), FieldErrors())


@router.post("/registrations/new", dependencies=[Depends(check_csrf)])
async def register(request: Request) -> Response:
    """Send the registration; the registry's problems come back at their fields."""
    user = member_of(request, "ngo_member")
    form = await request.form()
    entered = {name: str(form.get(name, "")).strip() for name in FIELDS}
    try:
        created = await as_user(request, user, "register_organization", json=_body(entered))
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        return await _form(request, entered, FieldErrors.of(problem, FIELDS), problem.status)
    return see_other(f"/registrations/{created['id']}?sent=1")


@router.get("/registrations", response_class=HTMLResponse)
async def registrations(request: Request) -> HTMLResponse:
    """List the organizations I registered and where each verification stands."""
    user = member_of(request, "ngo_member")
    found = await as_user(request, user, "my_registrations")
    items = [{**record, "verification": verification_state(record)} for record in found]
    return await page(request, "registrations.html", {"registrations": items})


@router.get("/registrations/{organization_id}", response_class=HTMLResponse)
async def registration(request: Request, organization_id: str) -> HTMLResponse:
    """Show one registration: pending, verified, or refused with the officer's reason."""
    user = member_of(request, "ngo_member")
    record = await as_user(request, user, "organization", organization_id=organization_id)
    context = {"organization": record, "verification": verification_state(record)}
    return await page(request, "registration.html", context)
