"""Kafka plumbing on FastStream: the broker, topic creation and the relay's publisher."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from aiokafka.helpers import create_ssl_context
from faststream.kafka import KafkaBroker
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from shared.events import KafkaRecord
from shared.logging import get_logger
from shared.settings import ServiceSettings

__all__ = [
    "client_security",
    "create_broker",
    "ensure_topics",
    "kafka_security",
    "record_publisher",
]

log = get_logger(__name__)
_TOPIC_EXISTS = TopicAlreadyExistsError.errno
_SASL = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}


def kafka_security(settings: ServiceSettings) -> BaseSecurity | None:
    """Return the SASL and TLS configuration of the settings (None: plain connections)."""
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    use_ssl = protocol in ("SSL", "SASL_SSL")
    context = (
        create_ssl_context(
            cafile=settings.kafka_ssl_cafile or None,
            certfile=settings.kafka_ssl_certfile or None,
            keyfile=settings.kafka_ssl_keyfile or None,
            password=settings.kafka_ssl_key_password.get_secret_value() or None,
        )
        if use_ssl
        else None
    )
    if protocol == "SSL":
        return BaseSecurity(ssl_context=context, use_ssl=True)
    mechanism = _SASL[settings.kafka_sasl_mechanism]
    return mechanism(
        settings.kafka_sasl_username,
        settings.kafka_sasl_password.get_secret_value(),
        ssl_context=context,
        use_ssl=use_ssl,
    )


def client_security(settings: ServiceSettings) -> dict[str, Any]:
    """Return the keyword arguments of a raw aiokafka client, same security as the broker."""
    return parse_security(kafka_security(settings))


def create_broker(settings: ServiceSettings) -> KafkaBroker:
    """Create the service's broker (not yet connected)."""
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=settings.service_name,
        enable_idempotence=settings.kafka_idempotent_producer,
        acks="all",
        logger=None,
        security=kafka_security(settings),
    )


async def ensure_topics(settings: ServiceSettings, topics: Iterable[str]) -> None:
    """Create missing topics with the configured partitions; existing ones are left alone."""
    wanted = sorted(set(topics))
    if not wanted:
        return
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=settings.service_name,
        **client_security(settings),
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, settings.kafka_topic_partitions, settings.kafka_topic_replication)
            for name in wanted
            if name not in existing
        ]
        if missing:
            response = await admin.create_topics(missing)
            for topic, code, *_ in response.topic_errors:
                if code not in (0, _TOPIC_EXISTS):
                    raise RuntimeError(f"cannot create topic {topic}: error {code}")
            log.info("kafka.topics.created", topics=[t.name for t in missing])
    finally:
        await admin.close()


def record_publisher(broker: KafkaBroker) -> Any:
    """Return a function that queues a record on the broker and returns its delivery future."""

    async def publish(record: KafkaRecord) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = await broker.publish(
            record.value,
            record.topic,
            key=record.key.encode("utf-8"),
            headers=record.headers,
            no_confirm=True,
        )
        return future

    return publish
