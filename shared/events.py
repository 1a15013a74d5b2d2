"""CloudEvents 1.0 envelope in Kafka binary content mode, built and read with the SDK."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.exceptions import BaseCloudEventException
from cloudevents.core.v1.event import CloudEvent

from shared.context import new_id
from shared.contracts.base import EventContract
from shared.tracing import TRACE_ATTRIBUTES, trace_attributes

__all__ = ["KafkaRecord", "MalformedEvent", "ReceivedEvent", "decode_record", "encode_event"]

CONTENT_TYPE = "application/json"
# Attributes CloudEvents 1.0 requires; a record without one of them is no event of ours.
REQUIRED_HEADERS = ("ce_specversion", "ce_id", "ce_source", "ce_type")
C = TypeVar("C", bound=EventContract)


class MalformedEvent(ValueError):
    """A Kafka record that is not a readable platform CloudEvent."""


@dataclass(frozen=True)
class KafkaRecord:
    """What goes onto a topic: key, value and `ce_*` headers."""

    topic: str
    key: str
    value: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class ReceivedEvent:
    """A platform event read from Kafka."""

    id: str
    source: str
    type: str
    time: datetime
    subject: str | None
    tenant_id: str
    correlation_id: str
    data: dict[str, Any]
    topic: str = ""
    key: str | None = None
    # The producer's trace context (CloudEvents distributed-tracing extension), if it had one.
    trace: dict[str, str] = field(default_factory=dict)

    def parse(self, contract: builtins.type[C]) -> C:
        """Validate the data against its contract."""
        return contract.model_validate(self.data)


def encode_event(
    event: EventContract,
    *,
    source: str,
    tenant_id: str,
    correlation_id: str,
    topic: str,
    event_id: str | None = None,
    time: datetime | None = None,
) -> KafkaRecord:
    """Wrap contract data in a CloudEvent and map it to a Kafka record (binary mode)."""
    key = event.key()
    cloud_event = CloudEvent(
        attributes={
            "id": event_id or new_id(),
            "source": source,
            "type": event.event_type,
            "specversion": "1.0",
            "time": time or datetime.now(UTC),
            "subject": key,
            "datacontenttype": CONTENT_TYPE,
            "tenantid": tenant_id,
            "correlationid": correlation_id,
            **trace_attributes(),
        },
        data=event.model_dump(mode="json"),
    )
    message = ce_kafka.to_binary_event(cloud_event, key_mapper=lambda _: key)
    headers = {name: raw.decode("utf-8") for name, raw in message.headers.items()}
    return KafkaRecord(topic=topic, key=key, value=message.value, headers=headers)


def decode_record(
    headers: Iterable[tuple[str, bytes]], key: bytes | None, value: bytes, topic: str = ""
) -> ReceivedEvent:
    """Read a Kafka record as a platform event; raise MalformedEvent if it is not one."""
    raw = dict(headers)
    _check_headers(raw)
    try:
        message = ce_kafka.KafkaMessage(headers=raw, key=key, value=value)
        event = ce_kafka.from_binary_event(message)
    except (BaseCloudEventException, ValueError, UnicodeDecodeError) as error:
        raise MalformedEvent(f"not a CloudEvent: {error}") from error
    data = event.get_data()
    tenant_id = event.get_extension("tenantid")
    if not isinstance(data, dict):
        raise MalformedEvent("not a CloudEvent: its data is no JSON object")
    if not tenant_id:
        raise MalformedEvent("event has no tenantid extension")
    return ReceivedEvent(
        id=event.get_id(),
        source=event.get_source(),
        type=event.get_type(),
        time=event.get_time() or datetime.now(UTC),
        subject=event.get_subject(),
        tenant_id=str(tenant_id),
        correlation_id=str(event.get_extension("correlationid") or event.get_id()),
        data=data,
        topic=topic,
        key=key.decode("utf-8", "replace") if key else None,
        trace={
            name: str(value) for name in TRACE_ATTRIBUTES if (value := event.get_extension(name))
        },
    )


def _check_headers(headers: dict[str, bytes]) -> None:
    """Refuse undecodable headers and missing required attributes before the SDK guesses."""
    for name, raw in headers.items():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise MalformedEvent(
                f"not a CloudEvent: header {name!r} is not UTF-8: {error}"
            ) from error
    missing = [name for name in REQUIRED_HEADERS if not headers.get(name)]
    if missing:
        raise MalformedEvent(
            f"not a CloudEvent: missing required attribute(s): {', '.join(missing)}"
        )
    if headers["ce_specversion"] != b"1.0":
        raise MalformedEvent(
            f"not a CloudEvent: unsupported specversion {headers['ce_specversion']!r}"
        )
