"""The platform as separate processes: a registration reaches the officers' inbox, once."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from deploy.local.stack import SERVICES, LocalStack
from tests.support.auth import bearer
from tests.support.factories import organization_payload
from tests.support.infrastructure import Infrastructure
from tests.support.namespace import Namespace, new_tenant_id
from tests.support.polling import eventually
from tests.support.tenants import onboard

pytestmark = pytest.mark.e2e
REGISTRATIONS = 30
CRASH_AFTER = 10


@pytest.fixture(scope="module")
def stack(
    infrastructure: Infrastructure,
    module_namespace: Namespace,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LocalStack]:
    """The four services as processes against the session's servers, in their own namespace."""
    extra_env = {}
    for service in SERVICES:
        prefix = service.upper()
        extra_env[f"{prefix}_KAFKA_CONSUMER_GROUP"] = module_namespace.consumer_group(service)
        # LocalStack turns the idempotent producer off only for servers it started itself.
        extra_env[f"{prefix}_KAFKA_IDEMPOTENT_PRODUCER"] = str(
            infrastructure.idempotent_producer
        ).lower()
    stack = LocalStack(
        data_dir=Path(tmp_path_factory.mktemp("stack")),
        kafka_bootstrap=infrastructure.kafka_bootstrap,
        mongodb_uri=infrastructure.mongodb_uri,
        topic_prefix=module_namespace.topic_prefix,
        database_suffix=f"_{module_namespace.suffix}",
        extra_env=extra_env,
    )
    try:
        stack.start(timeout=90)
        yield stack
    finally:
        stack.stop()


@pytest.fixture
async def registry(stack: LocalStack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.url("registry"), timeout=30) as client:
        yield client


@pytest.fixture
async def notifications(stack: LocalStack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.url("notifications"), timeout=30) as client:
        yield client


async def _onboarded(stack: LocalStack, registry: httpx.AsyncClient) -> str:
    """Onboard a fresh municipality: the registry takes organizations of known ones only."""
    tenant_id = new_tenant_id()
    admin = stack.token(subject="admin", tenant_id=tenant_id, roles=["platform_admin"])
    return await onboard(registry, bearer(admin), tenant_id)


def _officer(stack: LocalStack, tenant_id: str) -> dict[str, str]:
    return bearer(
        stack.token(subject=f"officer-{tenant_id}", tenant_id=tenant_id, roles=["tenant_officer"])
    )


async def _inbox_links(client: httpx.AsyncClient, headers: dict[str, str]) -> list[str]:
    """Return the links of the caller's inbox; a service that is down counts as not yet."""
    try:
        answer = await client.get("/inbox", headers=headers, params={"limit": 500})
    except httpx.TransportError as error:
        raise AssertionError(f"notifications unreachable: {error!r}") from error
    assert answer.status_code == 200, answer.text
    return [item["link"] for item in answer.json()]


async def _register(client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any) -> str:
    answer = await client.post(
        "/organizations", json=organization_payload(**overrides), headers=headers
    )
    assert answer.status_code == 201, answer.text
    organization_id: str = answer.json()["id"]
    return organization_id


class TestRegistrationReachesTheInbox:
    async def test_only_the_municipalitys_officers_are_told(
        self,
        stack: LocalStack,
        registry: httpx.AsyncClient,
        notifications: httpx.AsyncClient,
    ) -> None:
        tenant_id = await _onboarded(stack, registry)
        officer, outsider = _officer(stack, tenant_id), _officer(stack, new_tenant_id())

        organization_id = await _register(registry, officer, name="Fundacja Na Przełaj")

        async def told() -> None:
            assert await _inbox_links(notifications, officer) == [
                f"/organizations/{organization_id}"
            ]

        await eventually(told, timeout=60)
        assert await _inbox_links(notifications, outsider) == []


class TestNotificationsCrash:
    async def test_every_registration_shows_exactly_once_after_a_kill_mid_stream(
        self,
        stack: LocalStack,
        registry: httpx.AsyncClient,
        notifications: httpx.AsyncClient,
    ) -> None:
        officer = _officer(stack, await _onboarded(stack, registry))
        registered: list[str] = []
        restart: asyncio.Future[Any] | None = None

        for number in range(REGISTRATIONS):
            registered.append(await _register(registry, officer))
            if number + 1 == CRASH_AFTER:
                await eventually(lambda: _some_shown(notifications, officer), timeout=60)
                stack.stop_service("notifications", kill=True)
                restart = asyncio.ensure_future(
                    asyncio.to_thread(stack.start_service, "notifications", timeout=90)
                )
        assert restart is not None
        await restart

        async def all_shown() -> Counter[str]:
            links = Counter(await _inbox_links(notifications, officer))
            assert set(links) >= {f"/organizations/{i}" for i in registered}
            return links

        links = await eventually(all_shown, timeout=30)
        assert links == Counter(f"/organizations/{i}" for i in registered)


async def _some_shown(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    assert await _inbox_links(client, headers)
