"""The tenants that may own organizations: only those the platform onboarded."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.registry.repository import TenantRecords
from shared.errors import Conflict, Text

__all__ = ["OnboardedTenants"]


@dataclass
class OnboardedTenants:
    """Refuse writes for a tenant that was never onboarded; remember those that were."""

    tenants: TenantRecords
    # Tenants are never removed, so a tenant once found stays valid in every replica;
    # an unknown one is asked again each time, as it may be onboarded at any moment.
    _known: set[str] = field(default_factory=set)

    async def require(self, tenant_id: str) -> None:
        """Raise 409 unless `tenant_id` was onboarded."""
        if tenant_id in self._known:
            return
        if await self.tenants.get(tenant_id) is None:
            raise Conflict(
                detail=Text(
                    f"Jednostka {tenant_id} nie korzysta z platformy: "
                    "administrator musi ją najpierw dodać.",
                    f"Tenant {tenant_id} is not on the platform: an administrator must "
                    "onboard it first.",
                ),
                extra={"tenant_id": tenant_id},
            )
        self._known.add(tenant_id)
