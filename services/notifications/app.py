"""Assemble the notifications service."""

from __future__ import annotations

from fastapi import FastAPI

from services.notifications.api.routes import router
from services.notifications.handlers.registry_events import registry_effects
from services.notifications.repository import InboxRepository, ReadMarkRepository
from services.notifications.services import NotificationServices
from services.notifications.settings import NotificationsSettings
from shared.consumer import EventEffect
from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.http.app import create_service_app
from shared.runtime import Runtime, ServiceSpec


def _effects(runtime: Runtime) -> dict[str, dict[str, EventEffect]]:
    return {ORGANIZATION_TOPIC: registry_effects(InboxRepository(runtime.database))}


SPEC = ServiceSpec(repositories=[InboxRepository, ReadMarkRepository], effects=_effects)


def _wire(runtime: Runtime) -> NotificationServices:
    return NotificationServices(
        inbox=InboxRepository(runtime.database), read_marks=ReadMarkRepository(runtime.database)
    )


def create_app(settings: NotificationsSettings | None = None) -> FastAPI:
    """Build the notifications app from settings (read from the environment by default)."""
    return create_service_app(
        settings or NotificationsSettings(),
        SPEC,
        title="Notifications",
        description="Subscriptions, inbox, e-mail, signed webhooks, digests and reminders.",
        routers=[router],
        wire=_wire,
    )
