"""Kafka handlers: one subscriber over every platform topic feeds the idempotent consumer.

The shared runtime subscribes one consumer per topic, all in one group; with the dozen topics
this service reads, each consumer's join re-balances the others, and on Tansu the group took
about 100 s to settle (5 s with a single consumer over the same topics). Until the runtime
subscribes once per service, this service passes it no effects and subscribes itself, on the
runtime's broker, with the runtime's consumer, dead-letter topic and metrics.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping

from faststream.kafka.annotations import KafkaMessage  # FastStream resolves it at run time
from faststream.middlewares import AckPolicy

from services.notifications.services.reactions import EventReactions
from shared.consumer import EventEffect, IdempotentConsumer
from shared.contracts.base import registered_contracts
from shared.kafka import ensure_topics
from shared.runtime import CONSUMED, Runtime, dead_letter_topic, record_publisher_confirmed

__all__ = ["consume_events", "event_effects"]


def event_effects(reactions: EventReactions) -> dict[str, EventEffect]:
    """Return the effect of every platform event type: all feed webhooks, some do more."""
    return {event_type: reactions.react for event_type in registered_contracts()}


def consumed_topics() -> list[str]:
    """Return the logical topics of every platform event."""
    return sorted({contract.topic for contract in registered_contracts().values()})


@contextlib.asynccontextmanager
async def consume_events(
    runtime: Runtime, effects: Mapping[str, EventEffect]
) -> AsyncIterator[None]:
    """Consume every platform topic with one subscriber of the service's group until exit."""
    settings = runtime.settings
    topics = [settings.topic(t) for t in consumed_topics()]
    await ensure_topics(settings, [*topics, dead_letter_topic(settings)])
    consumer = IdempotentConsumer(
        runtime.database,
        runtime.transactions,
        effects,
        record_publisher_confirmed(runtime.broker),
        name=settings.service_name,
        dead_letter_topic=dead_letter_topic(settings),
        max_attempts=settings.consumer_max_attempts,
    )

    async def on_message(message: KafkaMessage) -> None:
        record = message.raw_message
        outcome = await consumer.handle(record)  # type: ignore[arg-type]
        CONSUMED.labels(record.topic, outcome.value).inc()  # type: ignore[union-attr]

    subscriber = runtime.broker.subscriber(
        *topics,
        group_id=settings.kafka_consumer_group,
        auto_offset_reset="earliest",
        # A failure the consumer could not turn into a dead letter (store or broker away)
        # rewinds to the record, so it is redelivered rather than lost.
        ack_policy=AckPolicy.NACK_ON_ERROR,
        fetch_max_wait_ms=settings.kafka_fetch_max_wait_ms,
        persistent=False,
    )
    subscriber(on_message)
    await subscriber.start()
    try:
        yield
    finally:
        await subscriber.stop()
