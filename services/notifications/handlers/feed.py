"""Every platform event feeds the webhooks, after the reaction of its own table if it has one."""

from __future__ import annotations

from services.notifications.domain.projections import Origin
from services.notifications.services.webhook_feed import WebhookFeed
from shared.consumer import EventEffect
from shared.contracts.base import registered_contracts
from shared.events import ReceivedEvent
from shared.outbox import Transaction
from shared.runtime import Effects

__all__ = ["origin_of", "with_webhooks"]


def origin_of(envelope: ReceivedEvent) -> Origin:
    """Return the event a notice comes from."""
    return Origin(envelope.tenant_id, envelope.id, envelope.type, envelope.time)


def with_webhooks(reactions: Effects, feed: WebhookFeed) -> Effects:
    """Return an effect for every registered contract: its reaction, if any, then the enqueue.

    Both run in the consumer's transaction, so a webhook goes out only for an event whose
    reaction committed, and a replayed event queues no second delivery.
    """
    known = registered_contracts()
    strays = {t for by_type in reactions.values() for t in by_type} - set(known)
    if strays:
        raise ValueError(f"reactions to unregistered event types: {sorted(strays)}")
    effects: dict[str, dict[str, EventEffect]] = {}
    for event_type, contract in known.items():
        reaction = reactions.get(contract.topic, {}).get(event_type)
        effects.setdefault(contract.topic, {})[event_type] = _then_feed(reaction, feed)
    return effects


def _then_feed(reaction: EventEffect | None, feed: WebhookFeed) -> EventEffect:
    async def effect(transaction: Transaction, event: ReceivedEvent) -> None:
        if reaction is not None:
            await reaction(transaction, event)
        await feed.enqueue(event, transaction.session)

    return effect
