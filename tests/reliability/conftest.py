"""Fixtures and helpers of the reliability tests: a broker of the module's own, raw records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from deploy.local.servers import EmbeddedServer, start_kafka
from tests.support.kafka import read_topic
from tests.support.services import ServiceClient

Headers = dict[str, str]
# A relay that checks the broker often and a lease that passes quickly keep the tests short.
FAST_RELAY = {
    "outbox_broker_check_seconds": 0.5,
    "outbox_lease_seconds": 2.0,
    "outbox_lease_renew_seconds": 0.5,
}


@pytest.fixture(scope="module")
def own_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A Tansu of this module only, so a test may kill and restart it."""
    kafka = start_kafka(tmp_path_factory.mktemp("kafka"))
    try:
        yield kafka
    finally:
        kafka.stop()


DEAD_LETTERS = "notifications.deadletter.v1"


async def produce_raw(
    bootstrap: str,
    topic: str,
    value: bytes,
    *,
    key: str,
    headers: Sequence[tuple[str, bytes]] = (),
) -> None:
    """Write one record with headers as bytes (so they may be no UTF-8 at all)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key.encode(), headers=list(headers))
    finally:
        await producer.stop()


async def dead_letters(service: ServiceClient, key: str) -> list[Any]:
    """Return the service's dead-letter records of one key."""
    settings = service.runtime.settings
    records = await read_topic(settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS))
    return [r for r in records if r.key == key.encode()]
