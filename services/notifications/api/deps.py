"""Dependencies of the notifications API: the use cases, the caller, the language they ask for."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from services.notifications.services import NotificationServices
from shared.http.deps import CurrentPrincipal, require_roles
from shared.tenancy import Principal, Role

__all__ = ["Caller", "CallerLanguage", "Integration", "Officer", "Services"]


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


# The language a caller's e-mails go out in: the use cases remember it with the caller.
CallerLanguage = Annotated[str | None, Depends(_language)]
Caller = CurrentPrincipal
Officer = Annotated[Principal, Depends(require_roles(Role.TENANT_OFFICER))]
Integration = Annotated[Principal, Depends(require_roles(Role.INTEGRATION, Role.TENANT_OFFICER))]
