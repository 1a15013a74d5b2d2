"""Assemble the notifications service."""

from __future__ import annotations

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
from services.notifications.bootstrap import composition_of, running
from services.notifications.repository import REPOSITORIES
from services.notifications.settings import NotificationsSettings
from shared.http.app import create_service_app
from shared.runtime import ServiceSpec

SPEC = ServiceSpec(
    repositories=REPOSITORIES,
    effects=lambda runtime: composition_of(runtime).handlers,
)


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
        wire=lambda runtime: composition_of(runtime).services,
        background=running,
    )
