"""Kafka subscribers: one table of module-level handlers per producing service.

The service's own events need no subscription: their monitoring facts are counted in the
very transaction that raises them (MonitoringRecorder.own_event, a sink of the recorder).
"""

from services.consultations.handlers.deps import EventDeps
from services.consultations.handlers.grants_events import EVENT_HANDLERS as GRANTS_EVENTS
from services.consultations.handlers.registry_events import EVENT_HANDLERS as REGISTRY_EVENTS
from shared.handlers import bind, merge
from shared.runtime import Effects

__all__ = ["EventDeps", "event_effects"]


def event_effects(deps: EventDeps) -> Effects:
    """Return every effect the service applies, by logical topic and event type."""
    return merge(bind(REGISTRY_EVENTS, deps), bind(GRANTS_EVENTS, deps))
