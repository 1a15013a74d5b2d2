"""Unsubscribe links in every e-mail, no login needed.

A GET only shows a confirmation form: link scanners and mail previews follow GETs, so
only a POST (the form's button, or the mail client's RFC 8058 one-click POST) unsubscribes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from services.notifications.api.deps import Subscriptions
from services.notifications.api.unsubscribe_pages import confirmation_page, done_page, error_page
from shared.errors import DomainError
from shared.http.problems import request_language
from shared.http.rate_limit import rate_limit
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, tags=["unsubscribe"])

Token = Annotated[str, Query(min_length=10, max_length=2000, description="Token from the link.")]


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


@router.get(
    "/unsubscribe",
    summary="Unsubscribe from e-mail: the confirmation page of the link",
    response_class=HTMLResponse,
    dependencies=[rate_limit("writes")],
)
async def unsubscribe_page(
    request: Request, token: Token, subscriptions: Subscriptions
) -> HTMLResponse:
    """Show a form that asks to confirm; changes nothing."""
    language = request_language(request)
    try:
        subscriptions.check_link(token)
    except DomainError as error:
        if not _wants_html(request):
            raise
        return error_page(error, language)
    return confirmation_page(language)


@router.post(
    "/unsubscribe",
    summary="Unsubscribe from e-mail (the form's button, or one-click RFC 8058)",
    response_class=HTMLResponse,
    dependencies=[rate_limit("writes")],
)
async def unsubscribe(request: Request, token: Token, subscriptions: Subscriptions) -> HTMLResponse:
    """Stop e-mail to whoever the signed link names, and say so."""
    language = request_language(request)
    try:
        done = await subscriptions.unsubscribe(token)
    except DomainError as error:
        if not _wants_html(request):
            raise
        return error_page(error, language)
    return done_page(done.in_language(language), language)
