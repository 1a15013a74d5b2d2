"""Dependencies of the notifications API."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from services.notifications.services import NotificationServices

__all__ = ["Services"]


def _services(request: Request) -> NotificationServices:
    return cast(NotificationServices, request.app.state.services)


Services = Annotated[NotificationServices, Depends(_services)]
