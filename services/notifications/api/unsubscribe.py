"""One-click unsubscribe: the link in every e-mail, no login needed (RFC 8058 POST as well)."""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from services.notifications.api.deps import Services
from shared.http.problems import request_language
from shared.http.rate_limit import rate_limit
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, tags=["unsubscribe"])

Token = Annotated[str, Query(min_length=10, max_length=2000, description="Token from the link.")]


def _page(message: str, language: str) -> HTMLResponse:
    title = "Unsubscribed" if language == "en" else "Wypisano"
    return HTMLResponse(
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1><p>{escape(message)}</p>"
        "</body></html>"
    )


@router.get(
    "/unsubscribe",
    summary="Unsubscribe from e-mail (the link)",
    response_class=HTMLResponse,
    dependencies=[rate_limit("writes")],
)
async def unsubscribe_link(request: Request, token: Token, services: Services) -> HTMLResponse:
    """Stop e-mail to whoever the signed link names, and say so."""
    language = request_language(request)
    done = await services.subscriptions.unsubscribe(token)
    return _page(done.in_language(language), language)


@router.post(
    "/unsubscribe",
    summary="Unsubscribe from e-mail (one-click, RFC 8058)",
    response_class=HTMLResponse,
    dependencies=[rate_limit("writes")],
)
async def unsubscribe_one_click(request: Request, token: Token, services: Services) -> HTMLResponse:
    """The mail client's one-click POST (List-Unsubscribe-Post); same effect as the link."""
    language = request_language(request)
    done = await services.subscriptions.unsubscribe(token)
    return _page(done.in_language(language), language)
