"""HTTP client of the backends: the signed-in user's token, problem+json turned into errors."""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from services.portal.adapters.backend.routes import ROUTES
from shared.logging import get_logger

__all__ = ["CLIENT_ADDRESS", "BackendDown", "BackendProblem", "Backends", "next_cursor"]

log = get_logger(__name__)
# The browser's address, passed on so that the services' per-client rate limits count each
# visitor, not the portal as one client (they trust it only if listed in their trusted proxies).
CLIENT_ADDRESS: ContextVar[str | None] = ContextVar("portal_client_address", default=None)


class BackendDown(Exception):
    """A backend did not answer, or failed (5xx): the user should try again later."""

    def __init__(self, service: str) -> None:
        super().__init__(service)
        self.service = service


@dataclass
class BackendProblem(Exception):
    """A backend refused the request (4xx) with an RFC 9457 problem."""

    status: int
    title: str = ""
    detail: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, answer: httpx.Response) -> BackendProblem:
        """Read a problem+json answer (or whatever came instead)."""
        try:
            body = answer.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        found = body.get("errors")
        errors: list[Any] = found if isinstance(found, list) else []
        return cls(
            status=answer.status_code,
            title=str(body.get("title", "")),
            detail=str(body.get("detail", "")),
            errors=[e for e in errors if isinstance(e, dict)],
        )


class Backends:
    """One pooled client per service; calls go through the named routes of ROUTES."""

    def __init__(
        self,
        urls: Mapping[str, str],
        *,
        timeout: float,
        transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
    ) -> None:
        transports = transports or {}
        self._clients = {
            name: httpx.AsyncClient(base_url=url, timeout=timeout, transport=transports.get(name))
            for name, url in urls.items()
        }

    async def close(self) -> None:
        """Close every pooled connection."""
        for client in self._clients.values():
            await client.aclose()

    async def call(
        self,
        name: str,
        *,
        token: str | None = None,
        language: str = "pl",
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        **path: Any,
    ) -> httpx.Response:
        """Call a named route; raise BackendProblem on 4xx and BackendDown on 5xx or no answer."""
        route = ROUTES[name]
        headers = {"Accept-Language": language}
        if address := CLIENT_ADDRESS.get():
            headers["X-Forwarded-For"] = address
        if token:
            headers["Authorization"] = f"Bearer {token}"
        clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            answer = await self._clients[route.service].request(
                route.method, route.path(**path), params=clean, json=json, headers=headers
            )
        except httpx.HTTPError as error:
            log.warning("portal.backend.unreachable", service=route.service, error=str(error))
            raise BackendDown(route.service) from error
        if answer.status_code >= 500:
            log.warning("portal.backend.failed", service=route.service, status=answer.status_code)
            raise BackendDown(route.service)
        if answer.status_code >= 400:
            raise BackendProblem.of(answer)
        return answer

    async def open_stream(
        self, name: str, *, params: Mapping[str, Any] | None = None, **path: Any
    ) -> httpx.Response:
        """Start a GET whose body is read later (aiter_bytes, then aclose), e.g. a CSV export."""
        route = ROUTES[name]
        client = self._clients[route.service]
        headers = {"X-Forwarded-For": a} if (a := CLIENT_ADDRESS.get()) else {}
        clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        request = client.build_request(
            route.method, route.path(**path), params=clean, headers=headers
        )
        try:
            answer = await client.send(request, stream=True)
        except httpx.HTTPError as error:
            raise BackendDown(route.service) from error
        if answer.status_code >= 400:
            await answer.aread()
            await answer.aclose()
            if answer.status_code >= 500:
                raise BackendDown(route.service)
            raise BackendProblem.of(answer)
        return answer

    async def json(self, name: str, **kwargs: Any) -> Any:
        """Call a named route and return its JSON body."""
        return (await self.call(name, **kwargs)).json()

    async def page(self, name: str, **kwargs: Any) -> tuple[Any, str | None]:
        """Call a named list route; return its JSON body and the cursor of its next page."""
        answer = await self.call(name, **kwargs)
        return answer.json(), next_cursor(answer)


def next_cursor(answer: httpx.Response) -> str | None:
    """Return the `cursor` of the answer's `Link: <...>; rel="next"`, if it has one."""
    link = answer.links.get("next")
    if link is None:
        return None
    found = parse_qs(urlsplit(link["url"]).query).get("cursor")
    return found[0] if found else None
