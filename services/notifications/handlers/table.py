"""One table of handlers per producing service, bound to every registered contract here."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from services.notifications.domain.projections import Origin
from services.notifications.services.reactions import Reactions
from shared.consumer import EventEffect
from shared.contracts.base import EventContract, registered_contracts
from shared.events import ReceivedEvent
from shared.outbox import Transaction

__all__ = ["Handler", "HandlerTable", "bind"]

C = TypeVar("C", bound=EventContract)
Handler = Callable[[C, Origin, Transaction, Reactions], Awaitable[None]]
HandlerTable = Mapping[type[EventContract], Handler[Any]]


def merge(*tables: HandlerTable) -> dict[type[EventContract], Handler[Any]]:
    """Return one table of all, refusing a contract handled twice."""
    merged: dict[type[EventContract], Handler[Any]] = {}
    for table in tables:
        for contract, handler in table.items():
            if contract in merged:
                raise ValueError(f"{contract.event_type} has two handlers")
            merged[contract] = handler
    return merged


def bind(table: HandlerTable, deps: Reactions) -> dict[str, dict[str, EventEffect]]:
    """Return the effect of every platform event type, by the topic it travels on.

    Every event feeds the webhooks; a handled one first does its own work, in the same
    transaction (a webhook goes out only for an event whose reaction committed).
    """
    by_type = {contract.event_type: (contract, handler) for contract, handler in table.items()}
    unknown = set(by_type) - set(registered_contracts())
    if unknown:
        raise ValueError(f"handlers of unregistered event types: {sorted(unknown)}")
    effects: dict[str, dict[str, EventEffect]] = {}
    for event_type, contract in registered_contracts().items():
        handled = by_type.get(event_type)
        effects.setdefault(contract.topic, {})[event_type] = (
            _effect(handled[0], handled[1], deps) if handled else _feed_only(deps)
        )
    return effects


def _origin(event: ReceivedEvent) -> Origin:
    return Origin(event.tenant_id, event.id, event.type, event.time)


def _effect(contract: type[EventContract], handler: Handler[Any], deps: Reactions) -> EventEffect:
    async def effect(transaction: Transaction, event: ReceivedEvent) -> None:
        await handler(event.parse(contract), _origin(event), transaction, deps)
        await deps.feed.enqueue(event, transaction.session)

    return effect


def _feed_only(deps: Reactions) -> EventEffect:
    async def effect(transaction: Transaction, event: ReceivedEvent) -> None:
        await deps.feed.enqueue(event, transaction.session)

    return effect
