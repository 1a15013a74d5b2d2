"""Replay a service's dead letters onto the topics they came from, once their cause is fixed.

`python -m shared.deadletters replay --service notifications [--type TYPE] [--reason TEXT]`
reads the service's settings from its environment (`NOTIFICATIONS_...`), re-publishes every
matching dead letter to its `dlt_topic` with its key, value and original headers, and prints
how many. The consumer's inbox makes replaying an event it already applied harmless; one that
still fails is dead-lettered again.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from typing import TypeAlias

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from pydantic_settings import SettingsConfigDict

from shared.kafka import client_security
from shared.logging import get_logger
from shared.settings import ServiceSettings

__all__ = ["DEAD_LETTER_HEADERS", "dead_letter_topic", "main", "replay"]

DEAD_LETTER_HEADERS = frozenset(
    {"dlt_reason", "dlt_consumer", "dlt_attempts", "dlt_topic", "dlt_partition", "dlt_offset"}
)
log = get_logger(__name__)
Record: TypeAlias = "ConsumerRecord[bytes, bytes]"


def dead_letter_topic(settings: ServiceSettings) -> str:
    """Return the physical dead-letter topic of a consuming service."""
    return settings.topic(f"{settings.service_name}.deadletter.v1")


async def replay(
    settings: ServiceSettings, *, event_type: str | None = None, reason: str | None = None
) -> int:
    """Re-publish the matching dead letters to their original topics; return how many."""
    chosen = [
        record
        for record in await _dead_letters(settings)
        if _matches(dict(record.headers), event_type, reason)
    ]
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        enable_idempotence=settings.kafka_idempotent_producer,
        acks="all",
        **client_security(settings),
    )
    await producer.start()
    try:
        for record in chosen:
            headers = [(k, v) for k, v in record.headers if k not in DEAD_LETTER_HEADERS]
            topic = dict(record.headers)["dlt_topic"].decode()
            await producer.send_and_wait(topic, record.value, key=record.key, headers=headers)
            log.info("deadletters.replayed", topic=topic, dead_letter_offset=record.offset)
    finally:
        await producer.stop()
    return len(chosen)


def _matches(headers: dict[str, bytes], event_type: str | None, reason: str | None) -> bool:
    if "dlt_topic" not in headers:
        return False
    if event_type is not None and headers.get("ce_type", b"").decode() != event_type:
        return False
    return reason is None or reason in headers.get("dlt_reason", b"").decode()


async def _dead_letters(settings: ServiceSettings) -> list[Record]:
    """Return every record on the dead-letter topic now, in offset order per partition."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        enable_auto_commit=False,
        **client_security(settings),
    )
    await consumer.start()
    try:
        topic = dead_letter_topic(settings)
        if topic not in await consumer.topics():
            return []
        numbers = sorted(consumer.partitions_for_topic(topic) or ())
        partitions = [TopicPartition(topic, number) for number in numbers]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        records: list[Record] = []
        while await _behind(consumer, ends):
            for partition, batch in (await consumer.getmany(timeout_ms=500)).items():
                records.extend(record for record in batch if record.offset < ends[partition])
        return records
    finally:
        await consumer.stop()


async def _behind(consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int]) -> bool:
    for partition, end in ends.items():
        if await consumer.position(partition) < end:
            return True
    return False


def _settings(service: str) -> ServiceSettings:
    """Read a service's settings from its environment prefix, as the service itself does."""
    config = SettingsConfigDict(env_prefix=f"{service.upper()}_", extra="ignore", frozen=True)
    settings_class = type(
        "ReplaySettings", (ServiceSettings,), {"model_config": config, "__module__": __name__}
    )
    settings: ServiceSettings = settings_class(service_name=service)
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m shared.deadletters")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("replay", help="re-publish dead letters to their topics")
    command.add_argument("--service", required=True, help="consuming service, e.g. notifications")
    command.add_argument("--type", dest="event_type", help="only events of this ce_type")
    command.add_argument("--reason", help="only dead letters whose reason contains this text")
    arguments = parser.parse_args(argv)
    settings = _settings(arguments.service)
    count = asyncio.run(replay(settings, event_type=arguments.event_type, reason=arguments.reason))
    sys.stdout.write(f"replayed {count} dead letter(s) of {arguments.service}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
