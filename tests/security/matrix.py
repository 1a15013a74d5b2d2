"""The routes of a service, from its OpenAPI document, that another tenant must not reach."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, find, settings
from schemathesis import Case
from schemathesis.core import NOT_SET

from tests.security.fuzz import send
from tests.support.services import ServiceClient

__all__ = ["Breach", "Requests", "Route", "id_routes", "list_routes"]

# The first valid example, not the simplest: shrinking a competition's terms takes seconds.
_FIND = settings(
    database=None,
    derandomize=True,
    max_examples=1,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@dataclass(frozen=True)
class Route:
    """One documented operation of a service."""

    service: str
    method: str
    path: str
    params: tuple[str, ...]


@dataclass(frozen=True)
class Breach:
    """Another tenant's request that was let through."""

    route: Route
    role: str
    status: int
    why: str = "answered"

    def __str__(self) -> str:
        route = f"{self.route.method} {self.route.path} ({self.route.service})"
        return f"{route} as {self.role}: {self.status} {self.why}"


def _operations(service: str, document: dict[str, Any]) -> list[tuple[Route, dict[str, Any]]]:
    found = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not operation.get("security"):
                continue  # public or anonymous: the same answer for everyone
            params = tuple(p["name"] for p in operation.get("parameters", []) if p["in"] == "path")
            found.append((Route(service, method.upper(), path, params), operation))
    return found


def id_routes(service: str, document: dict[str, Any], tenant_params: set[str]) -> list[Route]:
    """Return the authenticated routes whose path names an object (or the tenant) of A."""
    return [
        route
        for route, _ in _operations(service, document)
        if tenant_params.intersection(route.params)
    ]


def list_routes(service: str, document: dict[str, Any], tenant_params: set[str]) -> list[Route]:
    """Return the authenticated GET routes that name no object: lists and the caller's own."""
    return [
        route
        for route, _ in _operations(service, document)
        if route.method == "GET" and not tenant_params.intersection(route.params)
    ]


class Requests:
    """Plausible requests to a service's operations, generated once from its document."""

    def __init__(
        self,
        client: ServiceClient,
        document: dict[str, Any],
        bodies: Mapping[tuple[str, str], Any] | None = None,
    ) -> None:
        self.client = client
        self.schema = schemathesis.openapi.from_dict(document)
        self.bodies = bodies or {}
        self.cases: dict[Route, Case] = {}

    def case(self, route: Route, values: Mapping[str, str]) -> Case:
        """Return one valid request to `route` whose path carries `values` (found once).

        The body is a known valid one where given (so that the request passes validation
        and meets the tenant check), else one generated from the schema.
        """
        if route not in self.cases:
            operation = self.schema.find_operation_by_path(route.method, route.path)
            assert operation is not None, route
            fixed = {name: values[name] for name in route.params}
            body = self.bodies.get((route.method, route.path), NOT_SET)
            strategy = operation.as_strategy(path_parameters=fixed, body=body)
            self.cases[route] = find(strategy, lambda _: True, settings=_FIND)
        return self.cases[route]

    async def send(
        self, route: Route, values: Mapping[str, str], headers: dict[str, str]
    ) -> httpx.Response:
        """Send the route's request with `headers` (the caller's token)."""
        case = self.case(route, values)
        kwargs = case.as_transport_kwargs(base_url=str(self.client.base_url), headers=headers)
        return await send(self.client, kwargs)
