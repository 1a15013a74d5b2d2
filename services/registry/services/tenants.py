"""Use cases about tenants: onboarding municipalities, counties and support centres."""

from __future__ import annotations

from dataclasses import dataclass

from services.registry.domain.tenant.tenant import Tenant, TenantKind, onboard_tenant
from services.registry.repository import TenantRecords
from shared.access import forbidden, not_found
from shared.clock import Clock
from shared.errors import NotFound, Text
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role

__all__ = ["TenantServices"]


ADMIN_REQUIRED = Text("Wymagana rola: platform_admin.", "The platform_admin role is required.")
NO_SUCH_TENANT = Text("Nie ma takiej jednostki.", "No such tenant.")


def _require_admin(principal: Principal) -> None:
    if not principal.has_role(Role.PLATFORM_ADMIN):
        raise forbidden(ADMIN_REQUIRED)


@dataclass(frozen=True)
class TenantServices:
    """Onboard and change tenants; read them."""

    transactions: TransactionRunner
    tenants: TenantRecords
    recorder: EventRecorder
    clock: Clock

    async def onboard(
        self,
        principal: Principal,
        *,
        tenant_id: str,
        name: str,
        kind: TenantKind,
        member_ids: list[str],
    ) -> Tenant:
        """Onboard a municipality, county or support centre (platform admins only)."""
        _require_admin(principal)
        tenant = onboard_tenant(
            tenant_id=tenant_id, name=name, kind=kind, member_ids=member_ids, now=self.clock.now()
        )
        await self._store(tenant, new=True)
        return tenant

    async def update(
        self,
        principal: Principal,
        tenant_id: str,
        *,
        name: str | None,
        member_ids: list[str] | None,
    ) -> Tenant:
        """Rename a tenant or change a centre's members (platform admins only)."""
        _require_admin(principal)
        tenant = await self._get(tenant_id)
        if tenant.update(name=name, member_ids=member_ids, now=self.clock.now()):
            await self._store(tenant, new=False)
        return tenant

    async def visible(self, principal: Principal) -> list[Tenant]:
        """Return every tenant for an admin; one's own (and a centre's members) otherwise."""
        if principal.has_role(Role.PLATFORM_ADMIN):
            return await self.tenants.list()
        own = await self.tenants.get(principal.tenant_id)
        if own is None:
            return []
        members = await self.tenants.list(own.member_ids) if own.member_ids else []
        return [own, *members]

    async def get(self, principal: Principal, tenant_id: str) -> Tenant:
        """Return one tenant the caller may see."""
        for tenant in await self.visible(principal):
            if tenant.id == tenant_id:
                return tenant
        raise _not_found(tenant_id)

    async def _get(self, tenant_id: str) -> Tenant:
        tenant = await self.tenants.get(tenant_id)
        if tenant is None:
            raise _not_found(tenant_id)
        return tenant

    async def _store(self, tenant: Tenant, *, new: bool) -> None:
        async def work(transaction: Transaction) -> None:
            if new:
                await self.tenants.add(tenant, transaction.session)
            else:
                await self.tenants.save(tenant, transaction.session)
            await self.recorder.record(transaction, tenant)

        await self.transactions.run(work)


def _not_found(tenant_id: str) -> NotFound:
    return not_found(NO_SUCH_TENANT, tenant_id=tenant_id)
