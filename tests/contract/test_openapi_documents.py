"""The public HTTP API of each service is the committed one: a change is a reviewed change."""

from __future__ import annotations

import pytest

from tests.contract.openapi_documents import committed, openapi, rendered
from tests.support.services import SERVICES


@pytest.mark.parametrize("service", SERVICES)
def test_the_served_api_is_the_committed_one(service: str) -> None:
    expected = committed(service)

    assert expected is not None, f"docs/openapi/{service}.json is missing: run `make schemas`"
    assert rendered(service) == expected, (
        f"{service}'s OpenAPI document changed: review the change, then `make schemas` "
        f"and commit docs/openapi/{service}.json"
    )


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_says_what_it_does(service: str) -> None:
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in openapi(service)["paths"].items()
        for method, operation in operations.items()
        if not operation.get("summary")
    ]

    assert not undocumented, f"{service}: operations without a summary: {undocumented}"
