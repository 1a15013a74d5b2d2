"""Jinja2 pages in the session's language, with the header's user, CSRF token and unread count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from services.portal.adapters.backend import BackendDown, BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.rendering.i18n import Formatter, translations
from services.portal.api.rendering.labels import label
from services.portal.api.rendering.marks import marked

__all__ = ["page", "render", "unread_count"]


class _Environment(Environment):
    """Jinja, reading `item.name` of a backend's JSON object as a key first."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Return a dict's key without Jinja's failed attribute lookup (an exception each)."""
        if type(obj) is dict:
            if attribute in obj:
                return obj[attribute]
            if not hasattr(dict, attribute):  # .items() and such stay methods
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


_ENVIRONMENT = _Environment(
    loader=FileSystemLoader(Path(__file__).parents[2] / "templates"),  # package data
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # the templates ship with the code: no file checks on every page
)
_ENVIRONMENT.filters["marked"] = marked


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a page (or, for htmx, a fragment template) in the session's language."""
    session = session_of(request)
    language = session.language
    catalog = translations(language)
    values: dict[str, Any] = {
        "request": request,
        "session": session,
        "user": session.user,
        "lang": language,
        "csrf_token": session.csrf,
        "_": catalog.gettext,
        "ngettext": catalog.ngettext,
        "fmt": Formatter(language),
        "label": lambda kind, code: label(kind, code, language),
        "unread": getattr(request.state, "unread", None),
        "current_path": request.url.path,
        "dev_sign_in": portal(request).settings.dev_sign_in,
        **(context or {}),
    }
    body = _ENVIRONMENT.get_template(template).render(values)
    return HTMLResponse(body, status_code=status_code)


async def page(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a full page; for a signed-in user, with the unread count in the header."""
    user = session_of(request).user
    if user is not None and not hasattr(request.state, "unread"):
        request.state.unread = await unread_count(request, user.token)
    return render(request, template, context, status_code=status_code)


async def unread_count(request: Request, token: str) -> int | None:
    """Return how many notices wait unread, or None while notifications does not answer."""
    backends = portal(request).backends
    try:
        body = await backends.json("unread_count", token=token)
    except (BackendDown, BackendProblem):
        return None
    count = body.get("unread") if isinstance(body, dict) else None
    return count if isinstance(count, int) else None
