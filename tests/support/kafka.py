"""Read and write topics directly, as an outside producer or auditor would."""

from __future__ import annotations

from collections.abc import Mapping

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from shared.events import KafkaRecord

__all__ = ["headers_of", "produce", "produce_record", "read_topic"]


async def produce(
    bootstrap: str,
    topic: str,
    value: bytes,
    *,
    key: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Write one record and wait until the broker has it."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        await producer.send_and_wait(
            topic,
            value,
            key=key.encode() if key is not None else None,
            headers=[(name, text.encode()) for name, text in (headers or {}).items()],
        )
    finally:
        await producer.stop()


async def produce_record(bootstrap: str, record: KafkaRecord) -> None:
    """Write a platform record (as the outbox relay would) and wait for the broker."""
    await produce(bootstrap, record.topic, record.value, key=record.key, headers=record.headers)


async def read_topic(bootstrap: str, topic: str) -> list[ConsumerRecord[bytes, bytes]]:
    """Return every record on the topic now, partition by partition in offset order."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = await _partitions(consumer, topic)
        if not partitions:
            return []
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        records: list[ConsumerRecord[bytes, bytes]] = []
        while await _behind(consumer, ends):
            batches = await consumer.getmany(timeout_ms=200)
            for batch in batches.values():
                records.extend(batch)
        return records
    finally:
        await consumer.stop()


async def _behind(consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int]) -> bool:
    for partition, end in ends.items():
        if await consumer.position(partition) < end:
            return True
    return False


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    topics = await consumer.topics()
    if topic not in topics:
        return []
    numbers = consumer.partitions_for_topic(topic) or set()
    return [TopicPartition(topic, n) for n in sorted(numbers)]


def headers_of(record: ConsumerRecord[bytes, bytes]) -> dict[str, str]:
    """Return a consumed record's headers as text."""
    return {name: value.decode() for name, value in record.headers}
