"""No state under a tenant the service never heard of; a late onboarding releases what waited."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from shared.contracts.registry import OrganizationRegistered, TenantOnboarded
from shared.events import KafkaRecord, encode_event
from tests.conftest import AppClientFactory
from tests.reliability.conftest import dead_letters
from tests.support.kafka import headers_of, produce_record
from tests.support.polling import eventually
from tests.support.producers.registry import organization_registered, registered_record
from tests.support.services import ServiceClient

HOLD_SECONDS = 5.0
NEVER_ONBOARDED = "9999999"


@pytest.fixture
async def notifications(app_client: AppClientFactory) -> ServiceClient:
    return await app_client(
        "notifications",
        consumer_require_known_tenant=True,
        consumer_unknown_tenant_seconds=HOLD_SECONDS,
    )


def _onboarded(notifications: ServiceClient, tenant_id: str) -> KafkaRecord:
    settings = notifications.runtime.settings
    event = TenantOnboarded(
        tenant_id=tenant_id,
        name="Gmina Testowa",
        kind="municipality",
        onboarded_at=datetime.now(UTC),
    )
    return encode_event(
        event,
        source="registry",
        tenant_id=tenant_id,
        correlation_id="c-onboarded",
        topic=settings.topic(TenantOnboarded.topic),
    )


def _registered(notifications: ServiceClient, tenant_id: str, organization_id: str) -> KafkaRecord:
    topic = notifications.runtime.settings.topic(OrganizationRegistered.topic)
    event = organization_registered(organization_id=organization_id)
    return registered_record(tenant_id=tenant_id, topic=topic, event=event)


async def _items(notifications: ServiceClient, tenant_id: str) -> list[Any]:
    collection = notifications.database["inbox_items"]
    items: list[Any] = await collection.find({"tenant_id": tenant_id}).to_list()
    return items


class TestUnknownTenants:
    async def test_an_event_of_a_tenant_never_onboarded_is_dead_lettered_and_the_next_applies(
        self, notifications: ServiceClient, tenant_id: str
    ) -> None:
        bootstrap = notifications.runtime.settings.kafka_bootstrap_servers
        await produce_record(bootstrap, _onboarded(notifications, tenant_id))
        # One organization id, so one key and one partition for both records.
        organization_id = f"org-{tenant_id}"
        forged = _registered(notifications, NEVER_ONBOARDED, organization_id)
        good = _registered(notifications, tenant_id, organization_id)
        await produce_record(bootstrap, forged)
        await produce_record(bootstrap, good)

        async def good_applied() -> None:
            assert [i["event_id"] for i in await _items(notifications, tenant_id)] == [
                good.headers["ce_id"]
            ]

        await eventually(good_applied)

        async def dead_lettered() -> list[Any]:
            found = await dead_letters(notifications, organization_id)
            assert len(found) == 1
            return found

        [dead] = await eventually(dead_lettered, timeout=HOLD_SECONDS + 20)
        assert f"unknown tenant '{NEVER_ONBOARDED}'" in headers_of(dead)["dlt_reason"]
        assert headers_of(dead)["ce_id"] == forged.headers["ce_id"]
        assert await _items(notifications, NEVER_ONBOARDED) == []
        organizations = notifications.database["organizations"]
        assert await organizations.count_documents({"tenant_id": NEVER_ONBOARDED}) == 0

    async def test_an_event_that_arrives_before_its_tenants_onboarding_is_applied_after_it(
        self, notifications: ServiceClient, tenant_id: str
    ) -> None:
        bootstrap = notifications.runtime.settings.kafka_bootstrap_servers
        early = _registered(notifications, tenant_id, f"org-early-{tenant_id}")
        await produce_record(bootstrap, early)

        async def parked() -> None:
            parked = notifications.database["consumer_parked"]
            assert await parked.count_documents({"tenant_id": tenant_id}) == 1

        await eventually(parked)
        assert await _items(notifications, tenant_id) == []
        await produce_record(bootstrap, _onboarded(notifications, tenant_id))

        async def applied() -> None:
            assert [i["event_id"] for i in await _items(notifications, tenant_id)] == [
                early.headers["ce_id"]
            ]

        await eventually(applied, timeout=HOLD_SECONDS)
        assert await dead_letters(notifications, f"org-early-{tenant_id}") == []
