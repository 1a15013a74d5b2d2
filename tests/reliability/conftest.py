"""Helpers of the reliability tests: raw records on a running service's topics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer

from tests.support.kafka import read_topic
from tests.support.services import ServiceClient

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
