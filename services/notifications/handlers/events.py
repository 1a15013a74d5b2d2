"""Kafka handlers: one table per producing service, every event then feeding the webhooks."""

from __future__ import annotations

from services.notifications.handlers import (
    consultations_events,
    grants_events,
    registry_events,
)
from services.notifications.handlers.feed import with_webhooks
from services.notifications.services.reactions import Reactions
from shared.handlers import bind, merge
from shared.runtime import Effects

__all__ = ["HANDLED", "event_effects"]

TABLES = (
    registry_events.EVENT_HANDLERS,
    grants_events.EVENT_HANDLERS,
    consultations_events.EVENT_HANDLERS,
)
# The event types that do more here than feed webhooks.
HANDLED = frozenset(contract.event_type for table in TABLES for contract in table)


def event_effects(reactions: Reactions) -> Effects:
    """Return the effect of every platform event type, by the topic it travels on."""
    return with_webhooks(merge(*(bind(table, reactions) for table in TABLES)), reactions.feed)
