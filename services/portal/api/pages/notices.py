"""The notifications inbox, marking read, and the header's unread count (htmx)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.backend import next_cursor
from services.portal.api.deps import portal, session_of
from services.portal.api.rendering.templates import page, render, unread_count
from services.portal.api.web import check_csrf, current_user, local_path, see_other

router = APIRouter(prefix="/notices")
PAGE_SIZE = 50


@router.get("", response_class=HTMLResponse)
async def inbox(request: Request) -> HTMLResponse:
    """List my notices, newest first, a page at a time ("Older" carries the cursor)."""
    user = current_user(request)
    cursor = request.query_params.get("cursor", "")[:2000] or None
    answer = await portal(request).backends.call(
        "inbox",
        token=user.token,
        params={"limit": PAGE_SIZE, "cursor": cursor},
        language=session_of(request).language,
    )
    context = {"items": answer.json(), "older": next_cursor(answer), "paged": bool(cursor)}
    return await page(request, "notices.html", context)


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
