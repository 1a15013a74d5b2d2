"""A broker restart under load loses no event: the outbox republishes what the broker lost."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from deploy.local.servers import EmbeddedServer, restart_kafka
from shared.contracts.registry import ORGANIZATION_TOPIC
from tests.conftest import AppClientFactory
from tests.reliability.conftest import FAST_RELAY, Headers
from tests.support.auth import TokenFactory, bearer
from tests.support.factories import organization_payload
from tests.support.kafka import headers_of, read_topic
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient
from tests.support.tenants import onboard_with, tenant_of

PER_PHASE = 8


@pytest.fixture
def start(own_kafka: EmbeddedServer, app_client: AppClientFactory) -> Callable[..., Any]:
    """Start a service in-process (once per module) on the module's own broker."""

    async def started(service: str) -> ServiceClient:
        return await app_client(
            service,
            kafka_bootstrap_servers=own_kafka.url,
            kafka_idempotent_producer=False,
            **FAST_RELAY,
        )

    return started


@pytest.fixture
def officer(token: TokenFactory) -> Headers:
    """An officer of a municipality of this test only."""
    return bearer(token(tenant_id=new_tenant_id(), roles=["tenant_officer"]))


async def _register(registry: ServiceClient, officer: Headers) -> str:
    answer = await registry.post("/organizations", json=organization_payload(), headers=officer)
    assert answer.status_code == 201, answer.text
    organization_id: str = answer.json()["id"]
    return organization_id


async def _inbox(notifications: ServiceClient, officer: Headers) -> Counter[str]:
    answer = await notifications.get("/inbox", headers=officer, params={"limit": 500})
    assert answer.status_code == 200, answer.text
    return Counter(item["link"] for item in answer.json())


async def _on_topic(registry: ServiceClient, kafka: EmbeddedServer) -> Counter[str]:
    topic = registry.runtime.settings.topic(ORGANIZATION_TOPIC)
    return Counter(headers_of(record)["ce_id"] for record in await read_topic(kafka.url, topic))


class TestBrokerRestartUnderLoad:
    async def test_every_registration_reaches_the_topic_and_a_consumer_once(
        self,
        start: Callable[..., Any],
        own_kafka: EmbeddedServer,
        officer: Headers,
        token: TokenFactory,
    ) -> None:
        registry: ServiceClient = await start("registry")
        await onboard_with(registry, token, tenant_of(officer))
        before = [await _register(registry, officer) for _ in range(PER_PHASE)]
        await eventually(lambda: _all_on_topic(registry, own_kafka, before), timeout=30)

        own_kafka.process.kill()  # a crash: Tansu keeps its log in memory only
        own_kafka.process.wait()
        during = [await _register(registry, officer) for _ in range(PER_PHASE)]
        restart_kafka(own_kafka)  # empty, no topics, a new cluster id
        after = [await _register(registry, officer) for _ in range(PER_PHASE)]

        registered = before + during + after
        await eventually(lambda: _all_on_topic(registry, own_kafka, registered), timeout=60)
        metrics = (await registry.get("/metrics")).text
        assert 'outbox_republished_total{reason="cluster_changed"}' in metrics
        # A consumer reading the restarted broker from its start sees each one once.
        notifications: ServiceClient = await start("notifications")

        async def shown_once() -> None:
            assert await _inbox(notifications, officer) == Counter(
                f"/organizations/{i}" for i in registered
            )

        await eventually(shown_once, timeout=60)


async def _all_on_topic(
    registry: ServiceClient, kafka: EmbeddedServer, organization_ids: list[str]
) -> Counter[str]:
    """Assert every committed event of the registrations is on the topic; return the topic."""
    events = await _events_of(registry, organization_ids)
    assert len(events) >= len(organization_ids)
    on_topic = await _on_topic(registry, kafka)
    assert set(events) <= set(on_topic)
    return on_topic


class TestRepublishSince:
    async def test_the_command_sends_the_events_since_then_again_and_nothing_applies_twice(
        self,
        start: Callable[..., Any],
        own_kafka: EmbeddedServer,
        officer: Headers,
        token: TokenFactory,
    ) -> None:
        registry: ServiceClient = await start("registry")
        await onboard_with(registry, token, tenant_of(officer))
        notifications: ServiceClient = await start("notifications")
        earlier = await _register(registry, officer)
        since = datetime.now(UTC)
        later = [await _register(registry, officer) for _ in range(3)]
        registered = [earlier, *later]
        first = await eventually(lambda: _all_on_topic(registry, own_kafka, registered))
        later_events = await _events_of(registry, later)

        settings = registry.runtime.settings
        command = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "shared.republish", "--service", "registry"),
            *("--since", since.isoformat(), "--mongodb-uri", settings.mongodb_uri),
            *("--database", settings.mongodb_database),
            stdout=asyncio.subprocess.PIPE,
        )
        output, _ = await command.communicate()
        assert command.returncode == 0
        assert output.decode().startswith(f"{len(later_events)} events of registry queued")

        async def sent_again() -> None:
            again = await _all_on_topic(registry, own_kafka, registered)
            assert again - first == Counter(later_events)

        await eventually(sent_again, timeout=30)

        async def shown_once() -> None:
            assert await _inbox(notifications, officer) == Counter(
                f"/organizations/{i}" for i in registered
            )

        await eventually(shown_once, timeout=30)
        await asyncio.sleep(1)  # the duplicates reach the consumer, which skips them
        await shown_once()


async def _events_of(registry: ServiceClient, organization_ids: list[str]) -> list[str]:
    """Return the ids of the events the registry committed about these organizations."""
    assert await registry.runtime.relay.pending() == 0
    published = registry.runtime.relay.published.records()
    return [doc["event_id"] async for doc in published if doc["key"] in organization_ids]


class TestTopicDeleted:
    async def test_the_relay_makes_it_again_and_republishes_what_it_held(
        self,
        start: Callable[..., Any],
        own_kafka: EmbeddedServer,
        officer: Headers,
        token: TokenFactory,
    ) -> None:
        registry: ServiceClient = await start("registry")
        await onboard_with(registry, token, tenant_of(officer))
        kept = [await _register(registry, officer) for _ in range(3)]
        await eventually(lambda: _all_on_topic(registry, own_kafka, kept))
        admin = AIOKafkaAdminClient(bootstrap_servers=own_kafka.url)
        await admin.start()
        try:
            await admin.delete_topics([registry.runtime.settings.topic(ORGANIZATION_TOPIC)])
        finally:
            await admin.close()

        newer = await _register(registry, officer)

        await eventually(lambda: _all_on_topic(registry, own_kafka, [*kept, newer]), timeout=30)
