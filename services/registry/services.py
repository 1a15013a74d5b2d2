"""Use cases of the registry service."""

from __future__ import annotations

from dataclasses import dataclass

from services.registry.domain.organization import LegalForm, Organization, register_organization
from services.registry.repository import OrganizationRepository
from shared.errors import NotFound, Text
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import Principal

__all__ = ["RegistryServices"]


@dataclass(frozen=True)
class RegistryServices:
    """The registry's use cases, wired with their dependencies."""

    transactions: TransactionRunner
    organizations: OrganizationRepository

    async def register(
        self,
        principal: Principal,
        *,
        name: str,
        legal_form: LegalForm,
        krs: str | None,
        nip: str | None,
        regon: str | None,
    ) -> Organization:
        """Register an organization in the caller's tenant and announce it."""
        organization = register_organization(
            tenant_id=principal.tenant_id,
            name=name,
            legal_form=legal_form,
            krs=krs,
            nip=nip,
            regon=regon,
            registered_by=principal.subject,
        )

        async def work(transaction: Transaction) -> None:
            await self.organizations.add(principal.tenant, organization, transaction.session)
            for event in organization.events:
                await transaction.emit(event, tenant=principal.tenant)

        await self.transactions.run(work)
        return organization

    async def get(self, principal: Principal, organization_id: str) -> Organization:
        """Return one organization of the caller's tenant."""
        organization = await self.organizations.get(principal.tenant, organization_id)
        if organization is None:
            raise NotFound(
                detail=Text("Nie ma takiej organizacji.", "No such organization."),
                extra={"organization_id": organization_id},
            )
        return organization

    async def list(self, principal: Principal, *, limit: int) -> list[Organization]:
        """Return the organizations of the caller's tenant."""
        return await self.organizations.list(principal.tenant, limit=limit)
