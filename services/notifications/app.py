"""Assemble the notifications service."""

from __future__ import annotations

import functools

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
from services.notifications.bootstrap import SPEC, bootstrap
from services.notifications.settings import NotificationsSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.http.app import create_service_app


def create_app(
    settings: NotificationsSettings | None = None, *, clock: Clock = SYSTEM_CLOCK
) -> FastAPI:
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
        bootstrap=functools.partial(bootstrap, clock=clock),
    )
