"""Error pages: sign-in, 403, 404, a backend that is down, and never a stack trace."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from services.portal.adapters.backend import BackendDown, BackendProblem
from services.portal.api.rendering.templates import render
from services.portal.api.web import CsrfRefused, SignInRequired, sign_in_location
from services.portal.domain.session import Session
from shared.logging import get_logger

__all__ = ["install_error_pages"]

log = get_logger(__name__)


def _ensure_session(request: Request) -> None:
    # An error raised before the session middleware ran (static files) still renders a page.
    if not hasattr(request.state, "session"):
        request.state.session = Session.transient()


def _error_page(request: Request, status: int, reason: str = "") -> Response:
    _ensure_session(request)
    return render(request, "error.html", {"status": status, "reason": reason}, status_code=status)


async def _sign_in(request: Request, _: Exception) -> Response:
    return RedirectResponse(sign_in_location(request), status_code=303)


async def _csrf(request: Request, _: Exception) -> Response:
    log.info("portal.csrf.refused", path=request.url.path)
    return _error_page(request, 403, "csrf")


async def _backend_down(request: Request, error: Exception) -> Response:
    service = error.service if isinstance(error, BackendDown) else ""
    return _error_page(request, 503, service)


async def _backend_problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, BackendProblem)
    if error.status == 401:
        return RedirectResponse(sign_in_location(request), status_code=303)
    status = error.status if error.status in (403, 404, 409, 422, 429) else 400
    return _error_page(request, status)


async def _http(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    status = error.status_code if error.status_code in (403, 404, 405) else 400
    return _error_page(request, status)


async def _invalid(request: Request, _: Exception) -> Response:
    return _error_page(request, 400)


async def _unexpected(request: Request, error: Exception) -> Response:
    log.error("portal.page.failed", path=request.url.path, exc_info=error)
    return _error_page(request, 500)


def install_error_pages(app: FastAPI) -> None:
    """Answer every failure with a page in the user's language."""
    app.add_exception_handler(SignInRequired, _sign_in)
    app.add_exception_handler(CsrfRefused, _csrf)
    app.add_exception_handler(BackendDown, _backend_down)
    app.add_exception_handler(BackendProblem, _backend_problem)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)
