"""Webhook fairness: a tenant's endpoints are capped and its slow calls hold only its share."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.conftest import AppClientFactory
from tests.notifications.conftest import (
    FAST_SETTINGS,
    People,
    Publish,
    SmtpSink,
    WebhookReceiver,
)
from tests.support.http import problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.producers.grants import competition_announced
from tests.support.services import ServiceClient

ANNOUNCED = "pl.ngo.grants.competition.announced"


@pytest.fixture
async def notifications(
    app_client: AppClientFactory, smtp_sink: tuple[SmtpSink, int]
) -> ServiceClient:
    """Four delivery loops, two per tenant, calls that wait 10 s, three endpoints a tenant."""
    settings: dict[str, Any] = {
        **FAST_SETTINGS,
        "webhook_timeout_seconds": 10.0,
        "delivery_concurrency": 4,
        "webhook_tenant_concurrency": 2,
        "webhook_max_endpoints_per_tenant": 3,
    }
    return await app_client(
        "notifications",
        smtp_port=smtp_sink[1],
        webhooks_allow_private_addresses=True,
        webhooks_require_https=False,
        **settings,
    )


class HangingEndpoint:
    """Accepts connections and never answers (a stalled integration)."""

    def __init__(self) -> None:
        self.connections: list[asyncio.StreamWriter] = []
        self.port = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Keep the connection open without a word."""
        self.connections.append(writer)
        await asyncio.sleep(60)


@pytest.fixture
async def hanging() -> AsyncIterator[HangingEndpoint]:
    endpoint = HangingEndpoint()
    server = await asyncio.start_server(endpoint.handle, "127.0.0.1", 0)
    endpoint.port = server.sockets[0].getsockname()[1]
    try:
        yield endpoint
    finally:
        for writer in endpoint.connections:
            writer.close()
        server.close()


async def _register(notifications: ServiceClient, headers: dict[str, str], url: str) -> Any:
    body = {"url": url, "event_types": [ANNOUNCED]}
    return await notifications.post("/webhooks/endpoints", json=body, headers=headers)


class TestEndpointCap:
    async def test_a_tenant_cannot_register_beyond_the_cap(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        integration = people.headers(tenant_id, "integration")
        for number in range(3):
            answer = await _register(notifications, integration, f"http://127.0.0.1:9/{number}")
            assert answer.status_code == 201, answer.text

        refused = await _register(notifications, integration, "http://127.0.0.1:9/4")

        assert problem(refused, 409)["limit"] == 3
        elsewhere = people.headers(new_tenant_id(), "integration")
        assert (
            await _register(notifications, elsewhere, "http://127.0.0.1:9/1")
        ).status_code == 201


class TestSlowTenant:
    async def test_another_tenants_delivery_arrives_while_one_tenants_endpoint_hangs(
        self,
        notifications: ServiceClient,
        people: People,
        publish: Publish,
        hanging: HangingEndpoint,
        receiver: WebhookReceiver,
    ) -> None:
        slow, prompt = new_tenant_id(), new_tenant_id()
        slow_hook = f"http://127.0.0.1:{hanging.port}/hook"
        answer = await _register(notifications, people.headers(slow, "integration"), slow_hook)
        assert answer.status_code == 201, answer.text
        answer = await _register(notifications, people.headers(prompt, "integration"), receiver.url)
        assert answer.status_code == 201, answer.text
        for _ in range(6):
            await publish(competition_announced(), slow)

        async def stalled() -> None:
            assert len(hanging.connections) >= 2

        await eventually(stalled, timeout=20)
        await asyncio.sleep(0.5)  # the slow tenant's other deliveries are due now as well
        started = time.monotonic()
        await publish(competition_announced(), prompt)

        async def arrived() -> None:
            assert receiver.requests

        await eventually(arrived, timeout=30)
        assert time.monotonic() - started < 5.0
        assert len(hanging.connections) == 2
