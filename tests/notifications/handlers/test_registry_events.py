"""Notifications consumes registry events from Kafka: once each, poison to dead letters."""

from __future__ import annotations

from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from shared.contracts.registry import OrganizationRegistered
from shared.events import KafkaRecord
from tests.conftest import AppClientFactory
from tests.support.auth import TokenFactory, bearer
from tests.support.kafka import headers_of, produce, produce_record, read_topic
from tests.support.polling import eventually
from tests.support.producers.registry import organization_registered, registered_record
from tests.support.services import ServiceClient

DEAD_LETTERS = "notifications.deadletter.v1"


@pytest.fixture
async def notifications(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("notifications")


@pytest.fixture
def officer(token: TokenFactory, tenant_id: str) -> dict[str, str]:
    return bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))


def _topic(notifications: ServiceClient, logical: str) -> str:
    return notifications.runtime.settings.topic(logical)


def _bootstrap(notifications: ServiceClient) -> str:
    return notifications.runtime.settings.kafka_bootstrap_servers


def _record(notifications: ServiceClient, tenant_id: str, organization_id: str) -> KafkaRecord:
    return registered_record(
        tenant_id=tenant_id,
        topic=_topic(notifications, OrganizationRegistered.topic),
        event=organization_registered(organization_id=organization_id),
    )


async def _inbox_links(notifications: ServiceClient, headers: dict[str, str]) -> list[str]:
    answer = await notifications.get("/inbox", headers=headers, params={"limit": 500})
    assert answer.status_code == 200, answer.text
    return sorted(item["link"] for item in answer.json())


async def _dead_letters(notifications: ServiceClient, key: str) -> list[Any]:
    records = await read_topic(_bootstrap(notifications), _topic(notifications, DEAD_LETTERS))
    return [r for r in records if r.key == key.encode()]


class TestConsumeOrganizationRegistered:
    async def test_the_same_event_delivered_twice_shows_once(
        self, notifications: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        twice = _record(notifications, tenant_id, "org-twice")
        # Same key, so the same partition: once the sentinel shows, both copies were consumed.
        sentinel = _record(notifications, tenant_id, "org-twice")
        for record in (twice, twice, sentinel):
            await produce_record(_bootstrap(notifications), record)

        async def both_shown() -> list[str]:
            links = await _inbox_links(notifications, officer)
            assert len(links) >= 2
            return links

        assert await eventually(both_shown) == ["/organizations/org-twice"] * 2
        items = await notifications.database["inbox_items"].find({"tenant_id": tenant_id}).to_list()
        assert sorted(i["event_id"] for i in items) == sorted(
            [twice.headers["ce_id"], sentinel.headers["ce_id"]]
        )

    async def test_reaches_only_the_events_tenant(
        self, notifications: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        await produce_record(_bootstrap(notifications), _record(notifications, tenant_id, "org-a"))

        async def shown() -> None:
            assert await _inbox_links(notifications, officer) == ["/organizations/org-a"]

        await eventually(shown)


class TestDeadLetterPoison:
    async def test_a_record_that_is_not_a_cloud_event_goes_to_dead_letters_and_the_next_applies(
        self, notifications: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        key = f"org-poison-{tenant_id}"
        topic = _topic(notifications, OrganizationRegistered.topic)
        await produce(_bootstrap(notifications), topic, b'{"oops": true}', key=key)
        await produce_record(_bootstrap(notifications), _record(notifications, tenant_id, key))

        async def next_applied() -> None:
            assert await _inbox_links(notifications, officer) == [f"/organizations/{key}"]

        await eventually(next_applied)
        [dead] = await eventually(lambda: _one_dead_letter(notifications, key))
        headers = headers_of(dead)
        assert dead.value == b'{"oops": true}'
        assert headers["dlt_reason"].startswith("not a CloudEvent")
        assert headers["dlt_consumer"] == "notifications"
        assert headers["dlt_topic"] == topic
        assert {"dlt_partition", "dlt_offset", "dlt_attempts"} <= set(headers)

    async def test_invalid_event_data_goes_to_dead_letters(
        self, notifications: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        key = f"org-invalid-{tenant_id}"
        valid = _record(notifications, tenant_id, key)
        invalid = KafkaRecord(valid.topic, key, b'{"organization_id": 7}', valid.headers)
        await produce_record(_bootstrap(notifications), invalid)

        [dead] = await eventually(lambda: _one_dead_letter(notifications, key))

        assert headers_of(dead)["dlt_reason"].startswith("invalid data")
        assert headers_of(dead)["ce_id"] == valid.headers["ce_id"]
        assert await _inbox_links(notifications, officer) == []

    async def test_dead_letters_are_counted_in_metrics(
        self, notifications: ServiceClient, tenant_id: str
    ) -> None:
        topic = _topic(notifications, OrganizationRegistered.topic)
        before = await _dead_lettered_count(notifications, topic)

        await produce(_bootstrap(notifications), topic, b"garbage", key=f"org-{tenant_id}")

        async def counted() -> None:
            assert await _dead_lettered_count(notifications, topic) == before + 1

        await eventually(counted)


async def _dead_lettered_count(notifications: ServiceClient, topic: str) -> float:
    metrics = text_string_to_metric_families((await notifications.get("/metrics")).text)
    return sum(
        sample.value
        for family in metrics
        for sample in family.samples
        if sample.name == "events_consumed_total"
        and sample.labels == {"topic": topic, "outcome": "dead_lettered"}
    )


async def _one_dead_letter(notifications: ServiceClient, key: str) -> list[Any]:
    dead = await _dead_letters(notifications, key)
    assert len(dead) == 1
    return dead
