"""Dependencies of the registry API."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from services.registry.services import RegistryServices
from shared.http.deps import require_roles
from shared.tenancy import Principal, Role

__all__ = ["Officer", "Services"]


def _services(request: Request) -> RegistryServices:
    return cast(RegistryServices, request.app.state.services)


Services = Annotated[RegistryServices, Depends(_services)]
Officer = Annotated[Principal, Depends(require_roles(Role.TENANT_OFFICER, Role.PLATFORM_ADMIN))]
