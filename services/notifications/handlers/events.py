"""Kafka handlers: every platform event feeds the webhooks; some do their own work first."""

from __future__ import annotations

from services.notifications.handlers import (
    consultations_events,
    grants_events,
    registry_events,
)
from services.notifications.handlers.table import bind, merge
from services.notifications.services.reactions import Reactions
from shared.consumer import EventEffect

__all__ = ["EVENT_HANDLERS", "event_effects"]

EVENT_HANDLERS = merge(
    registry_events.EVENT_HANDLERS,
    grants_events.EVENT_HANDLERS,
    consultations_events.EVENT_HANDLERS,
)


def event_effects(reactions: Reactions) -> dict[str, dict[str, EventEffect]]:
    """Return the effect of every platform event type, by the topic it travels on."""
    return bind(EVENT_HANDLERS, reactions)
