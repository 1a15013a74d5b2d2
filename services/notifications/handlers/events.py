"""Kafka handlers: every platform event feeds the reactions (webhooks for all, notices for some)."""

from __future__ import annotations

from services.notifications.services.reactions import EventReactions
from shared.consumer import EventEffect
from shared.contracts.base import registered_contracts

__all__ = ["event_effects"]


def event_effects(reactions: EventReactions) -> dict[str, dict[str, EventEffect]]:
    """Return the effect of every platform event type, by the topic it travels on."""
    effects: dict[str, dict[str, EventEffect]] = {}
    for event_type, contract in registered_contracts().items():
        effects.setdefault(contract.topic, {})[event_type] = reactions.react
    return effects
