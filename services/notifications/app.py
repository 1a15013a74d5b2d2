"""Assemble the notifications service."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from services.notifications.api import (
    decision_makers,
    digests,
    emails,
    inbox,
    subscriptions,
    unsubscribe,
    webhooks,
)
from services.notifications.handlers.events import event_effects
from services.notifications.repository import REPOSITORIES
from services.notifications.services import (
    NotificationServices,
    build_reactions,
    build_services,
    run_workers,
)
from services.notifications.settings import NotificationsSettings
from shared.http.app import create_service_app
from shared.logging import get_logger
from shared.runtime import Runtime, ServiceSpec

log = get_logger(__name__)

SPEC = ServiceSpec(
    repositories=REPOSITORIES,
    effects=lambda runtime: event_effects(build_reactions(runtime)),
)


@contextlib.asynccontextmanager
async def _background(runtime: Runtime, services: NotificationServices) -> AsyncIterator[None]:
    backfilled = await services.inbox.inbox.backfill()
    if backfilled:
        log.info("inbox.backfill.done", items=backfilled)
    async with run_workers(runtime, services):
        yield


def create_app(settings: NotificationsSettings | None = None) -> FastAPI:
    """Build the notifications app from settings (read from the environment by default)."""
    return create_service_app(
        settings or NotificationsSettings(),
        SPEC,
        title="Notifications",
        description=(
            "Subscriptions, inbox, e-mail, signed webhooks, digests, deadline reminders and "
            "decision makers."
        ),
        routers=[
            inbox.router,
            subscriptions.router,
            unsubscribe.router,
            webhooks.router,
            digests.router,
            decision_makers.router,
            emails.router,
        ],
        wire=build_services,
        background=_background,
    )
