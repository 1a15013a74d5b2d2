"""A standby relay takes over within a few seconds of the publishing replica's crash."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.kafka import create_broker, record_publisher
from shared.lease import LEASE_COLLECTION, Lease
from shared.outbox_relay import OutboxRelay
from tests.conftest import AppClientFactory
from tests.support.auth import TokenFactory, bearer
from tests.support.factories import organization_payload
from tests.support.kafka import headers_of, read_topic
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient
from tests.support.tenants import onboard_with


@pytest.fixture
async def registry(app_client: AppClientFactory) -> ServiceClient:
    """The registry in-process with the default lease settings."""
    return await app_client("registry")


@pytest.fixture
async def standby(registry: ServiceClient) -> AsyncIterator[OutboxRelay]:
    """A second replica's relay over the same outbox, with a lease owner of its own."""
    settings = registry.runtime.settings
    broker = create_broker(settings)
    await broker.start()
    relay = OutboxRelay(
        registry.database,
        record_publisher(broker),
        Lease(
            registry.database, "outbox-relay", ttl=timedelta(seconds=settings.outbox_lease_seconds)
        ),
        poll_seconds=settings.outbox_poll_seconds,
        batch_size=settings.outbox_batch_size,
        renew_seconds=settings.outbox_lease_renew_seconds,
    )
    task = asyncio.create_task(relay.run_forever())
    try:
        yield relay
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await broker.stop()


def _crash_the_relay_of(registry: ServiceClient) -> None:
    """Stop the service's relay the way a crash would: its lease stays taken until it expires."""
    # Other modules' services may still be running theirs: pick this service's relay.
    [task] = [
        t
        for t in asyncio.all_tasks()
        if t.get_name() == "outbox-relay" and _runs(t, registry.runtime.relay)
    ]
    task.cancel()


def _runs(task: asyncio.Task[object], relay: OutboxRelay) -> bool:
    frame = getattr(task.get_coro(), "cr_frame", None)
    return frame is not None and frame.f_locals.get("self") is relay


class TestRelayTakeover:
    async def test_a_standby_publishes_within_a_few_seconds_of_a_crash(
        self, registry: ServiceClient, standby: OutboxRelay, token: TokenFactory
    ) -> None:
        settings = registry.runtime.settings
        tenant_id = await onboard_with(registry, token, new_tenant_id())
        officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
        answer = await registry.post("/organizations", json=organization_payload(), headers=officer)
        assert answer.status_code == 201, answer.text

        async def published_by_the_service() -> None:
            assert await registry.runtime.relay.pending() == 0
            lease = await registry.database[LEASE_COLLECTION].find_one({"_id": "outbox-relay"})
            assert lease is not None
            assert lease["owner"] == registry.runtime.relay._lease.owner

        await eventually(published_by_the_service)
        _crash_the_relay_of(registry)
        crashed_at = time.monotonic()
        answer = await registry.post("/organizations", json=organization_payload(), headers=officer)
        assert answer.status_code == 201, answer.text
        organization_id = answer.json()["id"]

        async def published_by_the_standby() -> None:
            topic = settings.topic(ORGANIZATION_TOPIC)
            records = await read_topic(settings.kafka_bootstrap_servers, topic)
            assert organization_id in {headers_of(r)["ce_subject"] for r in records}

        await eventually(published_by_the_standby, timeout=30)
        took = time.monotonic() - crashed_at
        # The lease lapses `outbox_lease_seconds` after the last renewal; the standby asks
        # for it every `outbox_lease_renew_seconds`.
        assert took < settings.outbox_lease_seconds + settings.outbox_lease_renew_seconds + 1.5
        assert settings.outbox_lease_seconds + settings.outbox_lease_renew_seconds <= 5
