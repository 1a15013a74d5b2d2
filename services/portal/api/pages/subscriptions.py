"""My subscription settings: which kinds of notices, in the inbox and by e-mail; unsubscribe."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import BackendProblem
from services.portal.api.forms import FieldErrors
from services.portal.api.pages.member import as_user
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, current_user, see_other

router = APIRouter(prefix="/subscriptions")
FIELDS = ("kinds", "email", "inbox", "organization_areas")
EMAIL_FREQUENCIES = ("off", "immediate", "daily", "weekly")


async def _settings_page(
    request: Request,
    subscription: dict[str, Any] | None = None,
    *,
    errors: FieldErrors | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    user = current_user(request)
    if subscription is None:
        subscription = await as_user(request, user, "my_subscription")
    context = {
        "subscription": subscription,
        "frequencies": EMAIL_FREQUENCIES,
        "errors": errors or FieldErrors(),
    }
    return await page(request, "subscriptions.html", context, status_code=status_code)


@router.get("", response_class=HTMLResponse)
async def settings(request: Request) -> HTMLResponse:
    """Show what I receive and how."""
    return await _settings_page(request)


async def _change(request: Request, name: str, body: dict[str, Any] | None, done: str) -> Response:
    user = current_user(request)
    try:
        await as_user(request, user, name, json=body)
    except BackendProblem as problem:
        if problem.status != 422:
            raise
        return await _settings_page(
            request, errors=FieldErrors.of(problem, FIELDS), status_code=problem.status
        )
    return see_other(f"/subscriptions?{done}=1")


@router.post("", dependencies=[Depends(check_csrf)])
async def save(request: Request) -> Response:
    """Replace my subscription with the kinds and channels chosen."""
    form = await request.form()
    current = await as_user(request, current_user(request), "my_subscription")
    body = {
        "kinds": [str(k) for k in form.getlist("kinds")],
        # The municipalities and areas followed are kept as they are: this form does not show them.
        "municipalities": current["municipalities"],
        "areas": current["areas"],
        "organization_areas": form.get("organization_areas") == "on",
        "inbox": form.get("inbox") == "on",
        "email": str(form.get("email", "off")),
    }
    return await _change(request, "change_subscription", body, "saved")


@router.post("/unsubscribe", dependencies=[Depends(check_csrf)])
async def unsubscribe(request: Request) -> Response:
    """Stop every notice: no kinds, no inbox, no e-mail."""
    current = await as_user(request, current_user(request), "my_subscription")
    body = {
        "kinds": [],
        "municipalities": current["municipalities"],
        "inbox": False,
        "email": "off",
    }
    return await _change(request, "change_subscription", body, "unsubscribed")


@router.post("/defaults", dependencies=[Depends(check_csrf)])
async def defaults(request: Request) -> Response:
    """Go back to my role's default subscription."""
    return await _change(request, "reset_subscription", None, "reset")
