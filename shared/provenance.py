"""Provenance of a consumed event: the topic, producer and tenant its contract allows."""

from __future__ import annotations

from collections.abc import Callable

from shared.contracts import contract_for_type
from shared.events import ReceivedEvent

__all__ = ["producer_of", "provenance_error"]


def producer_of(event_type: str) -> str:
    """Return the service that owns an event type (`pl.ngo.<service>.<aggregate>.<verb>`)."""
    return event_type.split(".")[2] if event_type.count(".") >= 3 else ""


def provenance_error(event: ReceivedEvent, topic_name: Callable[[str], str]) -> str | None:
    """Return why the event cannot be trusted as it came, or None if it can."""
    contract = contract_for_type(event.type)
    if contract is None:
        return f"unknown event type {event.type}"
    expected_topic = topic_name(contract.topic)
    if event.topic != expected_topic:
        return (
            f"{event.type} arrived on topic {event.topic}, its contract's topic is {expected_topic}"
        )
    owner = producer_of(event.type)
    if event.source != owner:
        return f"{event.type} came from source {event.source!r}, only {owner!r} produces it"
    data_tenant = event.data.get("tenant_id")
    if data_tenant is not None and str(data_tenant) != event.tenant_id:
        return f"tenantid {event.tenant_id!r} differs from the tenant in its data {data_tenant!r}"
    return None
