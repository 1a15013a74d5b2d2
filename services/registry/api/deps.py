"""Dependencies of the registry API: the use cases the app built at start-up."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registry.services import (
    ImportServices,
    OrganizationServices,
    PublicServices,
    TenantServices,
)
from shared.http.deps import use_case

__all__ = ["Imports", "Organizations", "Public", "Tenants"]

Organizations = Annotated[OrganizationServices, Depends(use_case("organizations"))]
Tenants = Annotated[TenantServices, Depends(use_case("tenants"))]
Public = Annotated[PublicServices, Depends(use_case("public"))]
Imports = Annotated[ImportServices, Depends(use_case("imports"))]
