"""Dependencies of the notifications API: the use cases, and the caller, remembered."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from services.notifications.services import NotificationServices
from shared.http.deps import CurrentPrincipal, require_roles
from shared.tenancy import Principal, Role

__all__ = ["Caller", "Integration", "Officer", "Services"]


def _services(request: Request) -> NotificationServices:
    return cast(NotificationServices, request.app.state.services)


Services = Annotated[NotificationServices, Depends(_services)]


def _language(request: Request) -> str | None:
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith(("pl", "en")):
            return tag[:2]
    return None


async def _caller(request: Request, principal: CurrentPrincipal, services: Services) -> Principal:
    # The platform has no user directory: calling this API makes a person known here.
    await services.subscriptions.remember(principal, _language(request))
    return principal


Caller = Annotated[Principal, Depends(_caller)]


async def _officer(
    principal: Annotated[Principal, Depends(require_roles(Role.TENANT_OFFICER))], caller: Caller
) -> Principal:
    return caller


async def _integration(
    principal: Annotated[Principal, Depends(require_roles(Role.INTEGRATION, Role.TENANT_OFFICER))],
    caller: Caller,
) -> Principal:
    return caller


Officer = Annotated[Principal, Depends(_officer)]
Integration = Annotated[Principal, Depends(_integration)]
