"""A dead letter is replayed by a command onto its original topic once its cause is fixed."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime

import pytest

from shared.contracts.registry import OrganizationRegistered, TenantOnboarded
from shared.events import KafkaRecord, encode_event
from tests.conftest import AppClientFactory
from tests.reliability.conftest import DEAD_LETTERS
from tests.support.kafka import produce_record, read_topic
from tests.support.polling import eventually
from tests.support.producers.registry import organization_registered, registered_record
from tests.support.services import ServiceClient


@pytest.fixture
async def notifications(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("notifications")


def _dead_letter(record: KafkaRecord, dead_letter_topic: str) -> KafkaRecord:
    """Return the record as the consumer dead-lettered it after its effect kept failing."""
    headers = {
        **record.headers,
        "dlt_reason": "ConnectionResetError('store went away mid-effect')",
        "dlt_consumer": "notifications",
        "dlt_attempts": "4",
        "dlt_topic": record.topic,
        "dlt_partition": "0",
        "dlt_offset": "0",
    }
    return KafkaRecord(dead_letter_topic, record.key, record.value, headers)


async def _replay(notifications: ServiceClient, *arguments: str) -> str:
    settings = notifications.runtime.settings
    environment = {
        **os.environ,
        "NOTIFICATIONS_DEPLOYMENT": "development",
        "NOTIFICATIONS_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
        "NOTIFICATIONS_KAFKA_TOPIC_PREFIX": settings.kafka_topic_prefix,
        "NOTIFICATIONS_KAFKA_IDEMPOTENT_PRODUCER": "false",
        # The command reads the whole environment of the service, as the service would.
        "NOTIFICATIONS_AUTH_JWKS_URL": settings.auth_jwks_url,
        "NOTIFICATIONS_AUTH_ISSUER": settings.auth_issuer,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "shared.deadletters", "replay", "--service", "notifications",
        *arguments, env=environment, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    output, _ = await process.communicate()
    assert process.returncode == 0
    return output.decode()


class TestReplayDeadLetters:
    async def test_replays_the_chosen_type_to_its_topic_and_the_consumer_applies_it(
        self, notifications: ServiceClient, tenant_id: str
    ) -> None:
        settings = notifications.runtime.settings
        bootstrap, dead_letters = settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS)
        lost = registered_record(
            tenant_id=tenant_id,
            topic=settings.topic(OrganizationRegistered.topic),
            event=organization_registered(organization_id=f"org-{tenant_id}"),
        )
        other = encode_event(
            TenantOnboarded(
                tenant_id=tenant_id,
                name="Gmina",
                kind="municipality",
                onboarded_at=datetime.now(UTC),
            ),
            source="registry",
            tenant_id=tenant_id,
            correlation_id="c-1",
            topic=settings.topic(TenantOnboarded.topic),
        )
        for record in (lost, other):
            await produce_record(bootstrap, _dead_letter(record, dead_letters))

        output = await _replay(notifications, "--type", OrganizationRegistered.event_type)

        assert "replayed 1 dead letter(s)" in output

        async def applied() -> None:
            item = await notifications.database["inbox_items"].find_one({"tenant_id": tenant_id})
            assert item is not None and item["event_id"] == lost.headers["ce_id"]

        await eventually(applied)
        replayed = [
            r for r in await read_topic(bootstrap, lost.topic) if r.key == lost.key.encode()
        ]
        assert [dict(r.headers)["ce_id"].decode() for r in replayed] == [lost.headers["ce_id"]]
        assert not any(name.startswith("dlt_") for name, _ in replayed[0].headers)
        tenants = await read_topic(bootstrap, other.topic)
        assert all(dict(r.headers).get("ce_id") != other.headers["ce_id"].encode() for r in tenants)
