"""Use cases about organizations and local lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.registry.domain.organization.organization import (
    Organization,
    Status,
    register_organization,
)
from services.registry.domain.organization.profile import Profile
from services.registry.repository import AuditLog, IdentifierClaims, OrganizationRepository
from services.registry.repository.audit import AuditEntry
from services.registry.repository.claims import IdentifierTaken, duplicate_number
from services.registry.services.access import Access, organization_not_found
from services.registry.services.onboarded import OnboardedTenants
from shared.access import require_officer
from shared.clock import Clock
from shared.errors import Forbidden, InvalidInput, Text
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["OrganizationServices"]


@dataclass(frozen=True)
class OrganizationServices:
    """Register, read, change and list organizations."""

    transactions: TransactionRunner
    organizations: OrganizationRepository
    claims: IdentifierClaims
    audit: AuditLog
    access: Access
    onboarded: OnboardedTenants
    recorder: EventRecorder
    clock: Clock

    async def register(
        self, principal: Principal, profile: Profile, *, note: str | None = None
    ) -> Organization:
        """Register an organization: an officer's is verified and listed, an NGO's awaits review."""
        if not principal.has_role(Role.TENANT_OFFICER, Role.NGO_MEMBER):
            raise Forbidden(
                detail=Text(
                    "Organizację rejestruje urzędnik gminy lub członek organizacji.",
                    "A municipality officer or an NGO member registers organizations.",
                )
            )
        await self.onboarded.require(principal.tenant_id)
        organization = register_organization(
            tenant_id=principal.tenant_id,
            profile=profile,
            registered_by=principal.subject,
            verified=principal.has_role(Role.TENANT_OFFICER),
            note=note,
            now=self.clock.now(),
        )

        async def work(transaction: Transaction) -> None:
            # A new organization holds no claims yet: nothing stale to release.
            await self._claim(transaction, principal, organization, release_stale=False)
            await self.organizations.add(principal.tenant, organization, transaction.session)
            await self._record(transaction, principal, organization, "registered", ["*"])

        await self.transactions.run(work)
        return organization

    async def note_readers(self, principal: Principal) -> frozenset[str]:
        """Return the municipalities whose list notes the caller may read."""
        if principal.has_role(Role.TENANT_OFFICER, Role.CENTRE_STAFF):
            return frozenset((await self.access.context(principal)).visible_tenant_ids)
        return frozenset()

    async def get(self, principal: Principal, organization_id: str) -> Organization:
        """Return an organization the caller may see."""
        return await self.access.readable(principal, organization_id)

    async def update(
        self, principal: Principal, organization_id: str, changes: dict[str, Any]
    ) -> Organization:
        """Change profile fields; numbers stay unique; the change is audited.

        A member's change of a verified organization's name or numbers waits for an officer.
        """

        async def work(transaction: Transaction) -> Organization:
            organization = await self.access.editable(principal, organization_id)
            reviewed = self.access.is_home_officer(principal, organization)
            changed = organization.update(changes, now=self.clock.now(), reviewed=reviewed)
            if not changed:
                return organization
            if {"krs", "nip"} & set(changed):
                await self._claim(transaction, principal, organization)
            await self.organizations.save(organization, transaction.session)
            await self._record(transaction, principal, organization, "updated", changed)
            return organization

        return await self.transactions.run(work)

    async def verify(self, principal: Principal, organization_id: str) -> Organization:
        """Verify an organization (or its pending identity change); it joins the home list."""

        async def work(transaction: Transaction) -> Organization:
            organization = await self._officers(principal, organization_id)
            now = self.clock.now()
            changed = organization.verify(now=now)
            if not changed:
                return organization
            # Only now do its numbers block others; a verified holder makes this a 409.
            await self._claim(transaction, principal, organization)
            if "verified" in changed:
                organization.list_in(
                    principal.tenant_id, note=None, actor=principal.subject, now=now
                )
            await self.organizations.save(organization, transaction.session)
            await self._record(transaction, principal, organization, "verified", changed)
            return organization

        return await self.transactions.run(work)

    async def refuse_verification(
        self, principal: Principal, organization_id: str, reason: str
    ) -> Organization:
        """Refuse a registration or a pending identity change, with the reason for its members."""

        async def work(transaction: Transaction) -> Organization:
            organization = await self._officers(principal, organization_id)
            organization.refuse_verification(reason, now=self.clock.now())
            await self.organizations.save(organization, transaction.session)
            await self._record(
                transaction, principal, organization, "verification_refused", ["verified"]
            )
            return organization

        return await self.transactions.run(work)

    async def change_status(
        self, principal: Principal, organization_id: str, status: Status, reason: str | None
    ) -> Organization:
        """Change the legal status; deregistration erases contact persons."""

        async def work(transaction: Transaction) -> Organization:
            organization = await self._officers(principal, organization_id)
            organization.change_status(status, reason=reason, now=self.clock.now())
            await self.organizations.save(organization, transaction.session)
            await self._record(transaction, principal, organization, f"status:{status}", ["status"])
            return organization

        return await self.transactions.run(work)

    async def list_visible(
        self, principal: Principal, *, municipality_id: str | None, after: str | None, limit: int
    ) -> list[Organization]:
        """Return the organizations on the local lists the caller may read."""
        context = await self.access.context(principal)
        if municipality_id and municipality_id not in context.visible_tenant_ids:
            return []
        return await self.organizations.list_visible(
            context, municipality_id=municipality_id, after=after, limit=limit
        )

    async def registered_by_me(self, principal: Principal, *, limit: int) -> list[Organization]:
        """Return the organizations the caller registered in their municipality."""
        return await self.organizations.registered_by(
            principal.tenant, principal.subject, limit=limit
        )

    async def put_on_list(
        self, principal: Principal, organization_id: str, note: str | None
    ) -> Organization:
        """Put a verified organization on the officer's local list (or change its note)."""
        require_officer(principal)
        await self.onboarded.require(principal.tenant_id)

        async def work(transaction: Transaction) -> Organization:
            organization = await self.organizations.get_own(organization_id)
            if organization is None or not organization.may_be_listed_by(principal.tenant_id):
                raise organization_not_found(organization_id)
            organization.list_in(
                principal.tenant_id, note=note, actor=principal.subject, now=self.clock.now()
            )
            await self.organizations.save(organization, transaction.session)
            await self._record(transaction, principal, organization, "listed", ["local_lists"])
            return organization

        return await self.transactions.run(work)

    async def take_off_list(self, principal: Principal, organization_id: str) -> None:
        """Take an organization off the officer's local list."""
        require_officer(principal)

        async def work(transaction: Transaction) -> None:
            organization = await self.access.readable(principal, organization_id)
            if principal.tenant_id not in organization.local_lists:
                raise organization_not_found(organization_id)
            organization.delist(principal.tenant_id, now=self.clock.now())
            await self.organizations.save(organization, transaction.session)
            await self._record(transaction, principal, organization, "delisted", ["local_lists"])

        await self.transactions.run(work)

    async def history(
        self, principal: Principal, organization_id: str, *, limit: int, before: str | None
    ) -> tuple[list[AuditEntry], str | None]:
        """Return a page of the audit trail of an organization the caller may read."""
        organization = await self.access.readable(principal, organization_id)
        home = TenantContext(organization.home_tenant_id)
        try:
            return await self.audit.for_organization(
                home, organization_id, limit=limit, before=before
            )
        except ValueError:  # a cursor of another organization's trail
            raise InvalidInput.for_field(
                "query.cursor", "Nieprawidłowy kursor.", "Invalid cursor.", "cursor"
            ) from None

    async def _officers(self, principal: Principal, organization_id: str) -> Organization:
        require_officer(principal)
        return await self.access.owned(principal, organization_id)

    async def _claim(
        self,
        transaction: Transaction,
        principal: Principal,
        organization: Organization,
        *,
        release_stale: bool = True,
    ) -> None:
        try:
            await self.claims.claim(organization, transaction.session)
        except IdentifierTaken as taken:
            reveal = self.access.may_see_holder(
                principal, holder_id=taken.holder_id, holder_tenant_id=taken.holder_tenant_id
            )
            raise duplicate_number(taken, reveal=reveal) from None
        if release_stale:
            # Filters on a non-`_id` field: NX-27017 reads every claim of the platform for it.
            await self.claims.release_stale(organization, transaction.session)

    async def _record(
        self,
        transaction: Transaction,
        principal: Principal,
        organization: Organization,
        action: str,
        fields: list[str],
    ) -> None:
        home = TenantContext(organization.home_tenant_id)
        await self.recorder.record(transaction, organization)  # a listing's, under the lister
        entry = AuditEntry(
            organization_id=organization.id,
            action=action,
            fields=tuple(fields),
            actor=principal.subject,
            actor_tenant_id=principal.tenant_id,
            at=organization.updated_at,
        )
        await self.audit.record(home, entry, transaction.session)
