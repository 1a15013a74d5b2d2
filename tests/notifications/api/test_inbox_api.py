"""Notifications inbox: officers learn of organizations registered in their municipality."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import AppClientFactory
from tests.support.auth import TokenFactory, bearer
from tests.support.factories import organization_payload
from tests.support.http import error_fields, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient
from tests.support.tenants import onboard_with


@pytest.fixture
async def registry(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("registry")


@pytest.fixture
async def notifications(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("notifications")


@pytest.fixture
async def officer(token: TokenFactory, tenant_id: str, registry: ServiceClient) -> dict[str, str]:
    await onboard_with(registry, token, tenant_id)
    return bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))


@pytest.fixture
async def registered(
    registry: ServiceClient,
    notifications: ServiceClient,
    officer: dict[str, str],
) -> dict[str, Any]:
    """An organization registered in the test's municipality; its inbox item has arrived."""
    # Without identifiers: KRS and NIP are unique platform-wide, and the registry lives per module.
    body = organization_payload(name="Stowarzyszenie Sąsiedzi", krs=..., regon=..., nip=...)
    answer = await registry.post("/organizations", json=body, headers=officer)
    assert answer.status_code == 201, answer.text
    organization: dict[str, Any] = answer.json()
    link = f"/organizations/{organization['id']}"
    await eventually(lambda: _links(notifications, officer, [link]))
    return organization


async def _inbox(
    notifications: ServiceClient, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    answer = await notifications.get("/inbox", headers=headers, params=params)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()
    return items


async def _links(
    notifications: ServiceClient, headers: dict[str, str], expected: list[str]
) -> list[dict[str, Any]]:
    items = await _inbox(notifications, headers)
    assert [item["link"] for item in items] == expected
    return items


async def _unread(notifications: ServiceClient, headers: dict[str, str]) -> int:
    answer = await notifications.get("/inbox/unread-count", headers=headers)
    assert answer.status_code == 200, answer.text
    unread: int = answer.json()["unread"]
    return unread


class TestInboxOfRegisteredOrganizations:
    async def test_the_officer_sees_the_new_organization(
        self, notifications: ServiceClient, officer: dict[str, str], registered: dict[str, Any]
    ) -> None:
        [item] = await _inbox(notifications, officer)

        assert item["title"] == "Nowa organizacja: Stowarzyszenie Sąsiedzi"
        assert item["event_type"] == "pl.ngo.registry.organization.registered"
        assert item["read"] is False
        assert await _unread(notifications, officer) == 1

    async def test_speaks_english_on_request(
        self, notifications: ServiceClient, officer: dict[str, str], registered: dict[str, Any]
    ) -> None:
        [item] = await _inbox(notifications, {**officer, "Accept-Language": "en"})

        assert item["title"] == "New organization: Stowarzyszenie Sąsiedzi"

    async def test_an_officer_of_another_municipality_sees_nothing(
        self, notifications: ServiceClient, token: TokenFactory, registered: dict[str, Any]
    ) -> None:
        outsider = bearer(token(tenant_id=new_tenant_id(), roles=["tenant_officer"]))

        assert await _inbox(notifications, outsider) == []

    async def test_an_ngo_member_of_the_same_municipality_sees_nothing(
        self,
        notifications: ServiceClient,
        token: TokenFactory,
        tenant_id: str,
        registered: dict[str, Any],
    ) -> None:
        member = bearer(token(tenant_id=tenant_id, roles=["ngo_member"]))

        assert await _inbox(notifications, member) == []

    async def test_every_officer_of_the_municipality_sees_it(
        self,
        notifications: ServiceClient,
        token: TokenFactory,
        tenant_id: str,
        registered: dict[str, Any],
    ) -> None:
        colleague = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))

        assert len(await _inbox(notifications, colleague)) == 1


class TestMarkRead:
    async def test_marks_the_item_read_for_this_officer_only(
        self,
        notifications: ServiceClient,
        officer: dict[str, str],
        token: TokenFactory,
        tenant_id: str,
        registered: dict[str, Any],
    ) -> None:
        [item] = await _inbox(notifications, officer)
        colleague = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))

        answer = await notifications.post(f"/inbox/{item['id']}/read", headers=officer)

        assert answer.status_code == 204
        assert [i["read"] for i in await _inbox(notifications, officer)] == [True]
        assert await _unread(notifications, officer) == 0
        assert await _unread(notifications, colleague) == 1

    async def test_marking_twice_is_harmless(
        self, notifications: ServiceClient, officer: dict[str, str], registered: dict[str, Any]
    ) -> None:
        [item] = await _inbox(notifications, officer)

        for _ in range(2):
            answer = await notifications.post(f"/inbox/{item['id']}/read", headers=officer)
            assert answer.status_code == 204
        assert await _unread(notifications, officer) == 0

    async def test_another_municipalitys_item_is_not_found(
        self,
        notifications: ServiceClient,
        officer: dict[str, str],
        token: TokenFactory,
        registered: dict[str, Any],
    ) -> None:
        [item] = await _inbox(notifications, officer)
        outsider = bearer(token(tenant_id=new_tenant_id(), roles=["tenant_officer"]))

        answer = await notifications.post(f"/inbox/{item['id']}/read", headers=outsider)

        problem(answer, 404)
        assert await _unread(notifications, officer) == 1

    async def test_an_unknown_item_is_not_found(
        self, notifications: ServiceClient, officer: dict[str, str]
    ) -> None:
        problem(await notifications.post("/inbox/no-such-item/read", headers=officer), 404)


class TestInboxAccess:
    async def test_rejects_a_request_without_token(self, notifications: ServiceClient) -> None:
        problem(await notifications.get("/inbox"), 401)

    async def test_rejects_an_expired_token(
        self, notifications: ServiceClient, token: TokenFactory, tenant_id: str
    ) -> None:
        expired = bearer(token(tenant_id=tenant_id, ttl_seconds=-30))

        problem(await notifications.get("/inbox/unread-count", headers=expired), 401)

    @pytest.mark.parametrize("limit", [0, 501, "many"])
    async def test_rejects_a_bad_page_size_naming_it(
        self, notifications: ServiceClient, officer: dict[str, str], limit: int | str
    ) -> None:
        answer = await notifications.get("/inbox", headers=officer, params={"limit": limit})

        assert error_fields(problem(answer, 422)) == ["limit"]
