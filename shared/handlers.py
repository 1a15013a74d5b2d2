"""Event handler tables: module-level functions by contract, bound to a service's use cases.

As cosmicpython's `EVENT_HANDLERS`: each consuming service keeps one table per producing
service (`handlers/<producer>_events.py`); its bootstrap binds them to the object graph.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from shared.consumer import EventEffect
from shared.contracts.base import EventContract
from shared.events import ReceivedEvent
from shared.outbox import Transaction
from shared.runtime import Effects

__all__ = ["Handler", "HandlerTable", "bind", "merge"]

C = TypeVar("C", bound=EventContract)
D = TypeVar("D")
# The event's typed data, its envelope (id, tenant, time), the consumer's transaction and
# whatever the handler calls (the service's use cases or stores).
Handler = Callable[[C, ReceivedEvent, Transaction, D], Awaitable[None]]
HandlerTable = Mapping[type[EventContract], Handler[Any, D]]


def bind(table: HandlerTable[D], deps: D) -> Effects:
    """Return the consumer's effects of a table: by logical topic, then by event type."""
    effects: dict[str, dict[str, EventEffect]] = {}
    for contract, handler in table.items():
        effects.setdefault(contract.topic, {})[contract.event_type] = _effect(
            contract, handler, deps
        )
    return effects


def merge(*tables: Effects) -> Effects:
    """Join bound tables, refusing an event type bound twice (one handler per type)."""
    merged: dict[str, dict[str, EventEffect]] = {}
    for effects in tables:
        for topic, by_type in effects.items():
            into = merged.setdefault(topic, {})
            for event_type, effect in by_type.items():
                if event_type in into:
                    raise ValueError(f"two handlers for {event_type}")
                into[event_type] = effect
    return merged


def _effect(contract: type[C], handler: Handler[C, D], deps: D) -> EventEffect:
    async def apply(transaction: Transaction, event: ReceivedEvent) -> None:
        await handler(event.parse(contract), event, transaction, deps)

    return apply
