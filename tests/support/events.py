"""What a service emitted: once its relay has drained the outbox, read back from the topics."""

from __future__ import annotations

from datetime import datetime

from aiokafka import ConsumerRecord

from shared.outbox import OUTBOX_COLLECTION
from tests.support.kafka import headers_of, read_topic
from tests.support.polling import eventually
from tests.support.services import ServiceClient

__all__ = ["emitted"]


async def emitted(service: ServiceClient, *topics: str) -> list[ConsumerRecord[bytes, bytes]]:
    """Return every record the service published on these logical topics, oldest event first."""

    async def drained() -> None:
        # A committed event is either still in the outbox or already on its topic.
        assert await service.database[OUTBOX_COLLECTION].count_documents({}) == 0

    await eventually(drained)
    settings = service.runtime.settings
    records = [
        record
        for topic in topics
        for record in await read_topic(settings.kafka_bootstrap_servers, settings.topic(topic))
    ]
    return sorted(records, key=lambda r: datetime.fromisoformat(headers_of(r)["ce_time"]))
