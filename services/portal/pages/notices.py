"""The notifications inbox, marking read, and the header's unread count (htmx)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.rendering import page, render, unread_count
from services.portal.state import portal, session_of
from services.portal.web import check_csrf, current_user, local_path, see_other

router = APIRouter(prefix="/notices")


@router.get("", response_class=HTMLResponse)
async def inbox(request: Request) -> HTMLResponse:
    """List my newest notices."""
    user = current_user(request)
    items = await portal(request).backends.json(
        "inbox", token=user.token, params={"limit": 50}, language=session_of(request).language
    )
    return await page(request, "notices.html", {"items": items})


@router.get("/unread", response_class=HTMLResponse)
async def unread(request: Request) -> HTMLResponse:
    """Return the header's unread badge (htmx polls it)."""
    user = current_user(request)
    request.state.unread = await unread_count(request, user.token)
    return render(request, "unread_badge.html")


@router.post("/{item_id}/read", dependencies=[Depends(check_csrf)])
async def mark_read(request: Request, item_id: str) -> Response:
    """Mark a notice read and go back to the inbox (or the notice's page)."""
    user = current_user(request)
    await portal(request).backends.call("mark_read", item_id=item_id, token=user.token)
    form = await request.form()
    target = form.get("next")
    return see_other(local_path(target if isinstance(target, str) else None, "/notices"))
