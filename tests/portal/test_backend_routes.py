"""Every backend call of the portal is an operation in the service's OpenAPI document."""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

import pytest

from services.portal.backend import ROUTES, Route
from tests.support.services import SERVICES

_SETTINGS_CLASSES = {service: f"{service.capitalize()}Settings" for service in SERVICES}


@cache
def openapi(service: str) -> dict[str, Any]:
    """Return a service's OpenAPI document, built from its app without starting it."""
    settings_module = importlib.import_module(f"services.{service}.settings")
    settings = getattr(settings_module, _SETTINGS_CLASSES[service])(
        auth_jwks_url="file:///nonexistent/jwks.json",
        auth_issuer="urn:test",
        deployment="development",
        metrics_port=0,
    )
    app = importlib.import_module(f"services.{service}.app").create_app(settings)
    document: dict[str, Any] = app.openapi()
    return document


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_the_route_exists_in_the_service_s_openapi(name: str) -> None:
    route = ROUTES[name]

    operations = openapi(route.service)["paths"].get(route.template, {})

    assert route.method.lower() in operations, (
        f"{name}: {route.method} {route.template} is not in {route.service}'s OpenAPI"
    )


def test_a_renamed_route_would_be_caught() -> None:
    renamed = Route("registry", "GET", "/public/organisations")

    assert renamed.template not in openapi(renamed.service)["paths"]


class TestPathParameters:
    def test_an_id_cannot_walk_to_another_route(self) -> None:
        with pytest.raises(ValueError, match="unsafe"):
            ROUTES["public_organization"].path(organization_id="../../organizations")

    def test_an_id_is_one_escaped_segment(self) -> None:
        path = ROUTES["public_organization"].path(organization_id="a b?c#d")

        assert path == "/public/organizations/a%20b%3Fc%23d"
