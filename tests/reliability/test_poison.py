"""Every record notifications cannot apply is dead-lettered; the next on its partition applies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from prometheus_client import REGISTRY

from shared.contracts.registry import OrganizationRegistered
from shared.events import KafkaRecord
from tests.conftest import AppClientFactory
from tests.reliability.conftest import dead_letters, produce_raw
from tests.support.kafka import headers_of, produce_record
from tests.support.polling import eventually
from tests.support.producers.registry import organization_registered, registered_record
from tests.support.services import ServiceClient

Headers = list[tuple[str, bytes]]


@pytest.fixture
async def notifications(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("notifications")


def _without(name: str) -> Callable[[KafkaRecord], tuple[bytes, Headers]]:
    def poison(record: KafkaRecord) -> tuple[bytes, Headers]:
        return record.value, [(k, v.encode()) for k, v in record.headers.items() if k != name]

    return poison


def _replaced(name: str, raw: bytes) -> Callable[[KafkaRecord], tuple[bytes, Headers]]:
    def poison(record: KafkaRecord) -> tuple[bytes, Headers]:
        headers = [(k, raw if k == name else v.encode()) for k, v in record.headers.items()]
        return record.value, headers

    return poison


def _body(value: bytes) -> Callable[[KafkaRecord], tuple[bytes, Headers]]:
    def poison(record: KafkaRecord) -> tuple[bytes, Headers]:
        return value, [(k, v.encode()) for k, v in record.headers.items()]

    return poison


POISON: dict[str, tuple[Callable[[KafkaRecord], tuple[bytes, Headers]], str]] = {
    "json content type, body no JSON": (_body(b'{"organization_id": "x", oops'), "no JSON object"),
    "garbage without headers": (lambda record: (b"\x00\xff\x13garbage", []), "not a CloudEvent"),
    "no specversion": (_without("ce_specversion"), "ce_specversion"),
    "no id": (_without("ce_id"), "ce_id"),
    "no source": (_without("ce_source"), "ce_source"),
    "no type": (_without("ce_type"), "ce_type"),
    "header not UTF-8": (_replaced("ce_subject", b"\xff\xfe\xfa"), "not UTF-8"),
    "unknown type": (
        _replaced("ce_type", b"pl.ngo.registry.organization.renamed"),
        "unknown event type",
    ),
}


class TestPoisonIsDeadLetteredAndThePartitionGoesOn:
    @pytest.mark.parametrize("kind", sorted(POISON))
    async def test_poison_then_a_good_record_with_the_same_key(
        self, notifications: ServiceClient, tenant_id: str, kind: str
    ) -> None:
        settings = notifications.runtime.settings
        topic = settings.topic(OrganizationRegistered.topic)
        # One organization id, so one key: the poison and the good record share a partition.
        event = organization_registered(organization_id=f"org-{tenant_id}")
        make_poison, reason = POISON[kind]
        value, headers = make_poison(
            registered_record(tenant_id=tenant_id, topic=topic, event=event)
        )
        good = registered_record(tenant_id=tenant_id, topic=topic, event=event)
        metric_kind = "refused" if kind == "unknown type" else "malformed"
        counted = _dead_letter_count(topic, metric_kind)
        await produce_raw(
            settings.kafka_bootstrap_servers, topic, value, key=good.key, headers=headers
        )
        await produce_record(settings.kafka_bootstrap_servers, good)

        async def good_applied() -> list[Any]:
            items = (
                await notifications.database["inbox_items"].find({"tenant_id": tenant_id}).to_list()
            )
            assert items
            return items

        items = await eventually(good_applied)
        [dead] = await eventually(lambda: _one(dead_letters(notifications, good.key)))
        assert {item["event_id"] for item in items} == {good.headers["ce_id"]}
        assert dead.value == value
        assert reason in headers_of(dead)["dlt_reason"]
        assert headers_of(dead)["dlt_topic"] == topic
        assert _dead_letter_count(topic, metric_kind) == counted + 1


def _dead_letter_count(topic: str, kind: str) -> float:
    labels = {"topic": topic, "kind": kind}
    return REGISTRY.get_sample_value("consumer_dead_letters_total", labels) or 0.0


async def _one(pending: Any) -> list[Any]:
    found = await pending
    assert len(found) == 1
    return list(found)
