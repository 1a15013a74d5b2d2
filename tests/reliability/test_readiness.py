"""/readyz names a consumer that makes no progress while records wait for it."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import AppClientFactory
from tests.support.kafka import produce_record
from tests.support.polling import eventually
from tests.support.producers.registry import registered_record
from tests.support.services import ServiceClient

STALL_SECONDS = 1.0


@pytest.fixture
async def notifications(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("notifications", consumer_stall_seconds=STALL_SECONDS)


class TestConsumerReadiness:
    async def test_idle_is_ready_stuck_with_lag_is_not_and_ready_again_once_it_moves(
        self, notifications: ServiceClient, tenant_id: str
    ) -> None:
        settings = notifications.runtime.settings
        await asyncio.sleep(STALL_SECONDS * 2)
        assert (await notifications.get("/readyz")).status_code == 200

        # The store hangs: hold the process's transaction lock (NX-27017 runs them one at a time).
        serial = notifications.runtime.transactions._serial
        if not isinstance(serial, asyncio.Lock):
            pytest.skip("this store runs transactions side by side: no lock to hold")
        async with serial:
            record = registered_record(
                tenant_id=tenant_id, topic=settings.topic("registry.organization.v1")
            )
            await produce_record(settings.kafka_bootstrap_servers, record)

            async def not_ready() -> None:
                answer = await notifications.get("/readyz")
                assert answer.status_code == 503
                assert answer.json()["checks"]["consumer"] is False

            await eventually(not_ready, timeout=STALL_SECONDS + 20)

        async def ready() -> None:
            assert (await notifications.get("/readyz")).status_code == 200

        await eventually(ready)
