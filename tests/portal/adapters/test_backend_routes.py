"""Every backend call of the portal is an operation in the service's OpenAPI document."""

from __future__ import annotations

import pytest

from services.portal.adapters.backend import ROUTES, Route
from tests.contract.openapi_documents import openapi


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
