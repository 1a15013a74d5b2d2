"""An NGO member's offers: start one from a competition, see it, submit it, print it."""

from __future__ import annotations

import itertools
import re
from html import escape
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal
from services.portal.api.forms import FieldErrors
from services.portal.api.offer_form import STEPS, errors_at, step_of
from services.portal.api.pages.member import NGO_OR_OFFICER, as_user, member_of, ngo_member
from services.portal.api.rendering.i18n import translations
from services.portal.api.rendering.templates import page
from services.portal.api.web import check_csrf, see_other

__all__ = ["call", "load_offer", "problem_at_fields", "router"]

router = APIRouter(prefix="/offers")
_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)
_TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)


async def call(request: Request, name: str, **kwargs: Any) -> Any:
    """Call a backend route as the signed-in member, in the session's language."""
    return await as_user(request, ngo_member(request), name, **kwargs)


async def load_offer(request: Request, offer_id: str) -> dict[str, Any]:
    """Return one of the organization's offers with its totals and breaches."""
    offer: dict[str, Any] = await call(request, "offer", offer_id=offer_id)
    return offer


@router.post("", dependencies=[Depends(check_csrf)])
async def start(request: Request) -> Response:
    """Draft an empty offer in the competition and open its first step."""
    form = await request.form()
    competition_id = str(form.get("competition_id", ""))
    if not _ID.fullmatch(competition_id):  # no such competition can exist
        raise BackendProblem(status=404)
    drafted = await call(request, "draft_offer", competition_id=competition_id, json={})
    return see_other(f"/offers/{drafted['id']}/steps/{STEPS[0]}")


async def _offer_page(
    request: Request, offer_id: str, refused: FieldErrors | None = None, status_code: int = 200
) -> HTMLResponse:
    # The municipality's officers read the offers sent to them (the submitted-offer notice
    # links here); only the organization's members edit and submit.
    user = member_of(request, *NGO_OR_OFFICER)
    offer = await as_user(request, user, "offer", offer_id=offer_id)
    competition = await as_user(
        request, user, "competition", competition_id=offer["competition_id"]
    )
    context = {
        "editable": user.is_ngo_member and offer["state"] == "draft",
        "offer": offer,
        "competition": competition,
        "breaches": refused or errors_at(offer["breaches"]),
        "refused": refused is not None,
        "steps": STEPS,
        "step_of": step_of,
    }
    return await page(request, "offer.html", context, status_code=status_code)


@router.get("/{offer_id}", response_class=HTMLResponse)
async def offer_page(request: Request, offer_id: str) -> HTMLResponse:
    """Show an offer: its state, totals, partners and what is left to fix."""
    return await _offer_page(request, offer_id)


@router.post("/{offer_id}/submission", dependencies=[Depends(check_csrf)])
async def submit(request: Request, offer_id: str) -> Response:
    """Submit the draft; every breach the grants service names comes back at its field."""
    try:
        await call(request, "submit_offer", offer_id=offer_id)
    except BackendProblem as problem:
        if problem.status not in (409, 422):
            raise
        return await _offer_page(request, offer_id, problem_at_fields(problem), problem.status)
    return see_other(f"/offers/{offer_id}?submitted=1")


def problem_at_fields(problem: BackendProblem, step: str | None = None) -> FieldErrors:
    """Place a problem's errors at the offer's form fields; one without fields stays general."""
    errors = errors_at(problem.errors, step)
    if not problem.errors:
        errors.general.append(problem.detail or problem.title)
    return errors


@router.get("/{offer_id}/document", response_class=HTMLResponse)
async def document(request: Request, offer_id: str) -> HTMLResponse:
    """Show the grants service's printable offer (annex 1) inside the portal, ready to print."""
    user = member_of(request, *NGO_OR_OFFICER)
    answer = await portal(request).backends.call(
        "offer_document", offer_id=offer_id, token=user.token, language="pl"
    )
    found = _BODY.search(answer.text)
    # The document is the grants service's own autoescaped template: its body is trusted HTML.
    body = found.group(1) if found else ""
    label = translations(request.state.session.language).gettext("Table %(number)s of the offer")
    body = _scrollable_tables(body, label)
    return await page(request, "offer_document.html", {"offer_id": offer_id, "body": body})


def _scrollable_tables(body: str, label: str) -> str:
    """Put each table in its own keyboard-scrollable box: on a phone it scrolls, not squeezes."""
    numbers = itertools.count(1)

    def opening(match: re.Match[str]) -> str:
        name = escape(label % {"number": next(numbers)})
        return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{name}">' + (
            match.group(0)
        )

    return _TABLE_END.sub("</table></div>", _TABLE_START.sub(opening, body))
