"""Fixtures of the registry tests: the service, people with tokens, unique identifiers."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.conftest import AppClientFactory
from tests.support.factories import unique_nip
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient
from tests.support.tenants import onboard, tenant_of

_serials = itertools.count(1)
Headers = dict[str, str]
_ADMIN: Headers = {}  # filled by tests/registry/api/conftest.py for each route test
Onboard = Callable[..., Awaitable[str]]


@pytest.fixture
async def registry(app_client: AppClientFactory) -> ServiceClient:
    """The registry service, in-process, against the session's servers."""
    return await app_client("registry")


@pytest.fixture
def admin(person: Callable[..., Headers]) -> Headers:
    """A platform administrator."""
    return person(new_tenant_id(), "platform_admin")


@pytest.fixture
def onboarded(registry: ServiceClient, admin: Headers) -> Onboard:
    """Onboard a municipality (a fresh one unless named): `await onboarded()` gives its id."""

    async def make(tenant_id: str | None = None) -> str:
        return await onboard(registry, admin, tenant_id or new_tenant_id())

    return make


@pytest.fixture
async def officer(
    person: Callable[..., Headers], tenant_id: str, registry: ServiceClient, admin: Headers
) -> Headers:
    """An officer of the test's municipality, onboarded."""
    await onboard(registry, admin, tenant_id)
    return person(tenant_id, "tenant_officer")


async def register(registry: ServiceClient, headers: Headers, **fields: Any) -> dict[str, Any]:
    """Register an organization with unique numbers in the caller's (onboarded) tenant."""
    if _ADMIN:
        await onboard(registry, _ADMIN, tenant_of(headers))
    body = {
        "name": f"Stowarzyszenie nr {next(_serials)}",
        "legal_form": "association",
        "nip": unique_nip(),
        **fields,
    }
    answer = await registry.post("/organizations", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created


async def onboard_named(registry: ServiceClient, admin: Headers, name: str) -> str:
    """Onboard a fresh municipality called `name`; return its id."""
    return await onboard(registry, admin, new_tenant_id(), name=name)
