"""Kafka subscribers: parse an event, call one use case of the monitoring read model."""

from __future__ import annotations

from services.consultations.handlers.grants_events import grants_effects
from services.consultations.handlers.registry_events import registry_effects
from services.consultations.services import MonitoringRecorder
from shared.consumer import EventEffect

__all__ = ["monitoring_effects"]


def monitoring_effects(recorder: MonitoringRecorder) -> dict[str, dict[str, EventEffect]]:
    """Return every effect the service applies, by logical topic and event type.

    The service's own events need no subscription: their facts are counted in the very
    transaction that raises them (see services/common.py).
    """
    return {**registry_effects(recorder), **grants_effects(recorder)}
