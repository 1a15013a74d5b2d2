"""Use cases of small grants (art. 19a): receive, publish, comment, decline, conclude, caps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from services.grants.domain.agreement.agreement import Agreement
from services.grants.domain.common.dates import local_date
from services.grants.domain.small_grant.comments import (
    CommentLimits,
    SmallGrantComment,
    comment_on,
)
from services.grants.domain.small_grant.small_grant import (
    SmallGrant,
    SmallGrantForm,
    SmallGrantPolicy,
    SmallGrantState,
    agreement_for_small_grant,
    receive_small_grant,
    set_small_grant_policy,
)
from services.grants.repository import (
    AgreementRepository,
    SmallGrantCommentRepository,
    SmallGrantPolicies,
    SmallGrantRepository,
    TenantDirectory,
)
from services.grants.services.access import Access
from services.grants.services.agreements import Representatives, parties_of
from shared.access import not_found, require_member, require_officer
from shared.clock import Clock
from shared.errors import Conflict, Text
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["SmallGrantServices"]


def _small_grant_not_found(small_grant_id: str) -> Exception:
    return not_found(
        Text("Nie ma takiej oferty w trybie małego grantu.", "No such small grant offer."),
        small_grant_id=small_grant_id,
    )


@dataclass(frozen=True)
class SmallGrantServices:
    """Simplified offers outside competitions, within the municipality's yearly caps."""

    transactions: TransactionRunner
    small_grants: SmallGrantRepository
    policies: SmallGrantPolicies
    agreements: AgreementRepository
    tenants: TenantDirectory
    access: Access
    clock: Clock
    comments: SmallGrantCommentRepository
    comment_limits: CommentLimits
    recorder: EventRecorder = field(default_factory=EventRecorder)

    async def receive(self, principal: Principal, form: SmallGrantForm) -> SmallGrant:
        """Receive the simplified offer of the caller's (active) organization."""
        applicant = await self.access.applicant(require_member(principal))

        async def work(transaction: Transaction) -> SmallGrant:
            # Made inside the unit of work: a retried transaction records its events again.
            small_grant = receive_small_grant(
                tenant_id=principal.tenant_id,
                organization_id=applicant.id,
                organization_name=applicant.name,
                form=form,
                received_at=self.clock.now(),
            )
            await self.small_grants.add(small_grant, transaction.session)
            await self.recorder.record(transaction, small_grant)
            return small_grant

        return await self.transactions.run(work)

    async def publish(self, principal: Principal, small_grant_id: str) -> SmallGrant:
        """Publish the offer for seven days of comments."""
        return await self._change(
            principal, small_grant_id, lambda s: s.publish(now=self.clock.now())
        )

    async def decline(self, principal: Principal, small_grant_id: str, reason: str) -> SmallGrant:
        """Decline to fund the offer, telling the applicant why."""
        return await self._change(
            principal,
            small_grant_id,
            lambda s: s.decline(reason, by=principal.subject, now=self.clock.now()),
        )

    async def comment(
        self,
        tenant_id: str,
        small_grant_id: str,
        text: str,
        *,
        author_name: str | None,
        author_subject: str | None,
        client_address: str | None,
    ) -> SmallGrantComment:
        """Keep anyone's comment on a published offer, within the limits; the offer is unchanged."""
        tenant = TenantContext(tenant_id)

        async def work(transaction: Transaction) -> SmallGrantComment:
            session = transaction.session
            small_grant = await self.small_grants.get(tenant, small_grant_id, session)
            if small_grant is None or small_grant.state is SmallGrantState.RECEIVED:
                raise _small_grant_not_found(small_grant_id)
            tally = await self.comments.tally(
                tenant,
                small_grant_id,
                author_subject=author_subject,
                client_address=client_address,
                session=session,
            )
            comment, event = comment_on(
                small_grant,
                text,
                now=self.clock.now(),
                limits=self.comment_limits,
                tally=tally,
                author_name=author_name,
                author_subject=author_subject,
                client_address=client_address,
            )
            await self.comments.add(comment, session)
            await self.recorder.record_event(transaction, event, tenant)
            return comment

        return await self.transactions.run(work)

    async def comments_of(
        self, principal: Principal, small_grant_id: str, *, after: str | None, limit: int
    ) -> list[SmallGrantComment]:
        """Return a page of an offer's comments to those who may read the offer."""
        small_grant = await self.get(principal, small_grant_id)
        return await self.comments.page(principal.tenant, small_grant.id, after=after, limit=limit)

    async def conclude(
        self, principal: Principal, small_grant_id: str, representatives: Representatives
    ) -> Agreement:
        """Prepare the agreement after the comment period, within the year's caps."""
        tenant = require_officer(principal)
        now = self.clock.now()
        year = local_date(now).year

        async def work(transaction: Transaction) -> Agreement:
            session = transaction.session
            small_grant = await self._get(tenant, small_grant_id, transaction)
            policy = await self.policies.get(tenant, year, session)
            if policy is None:
                raise _no_policy(year)
            applicant = (small_grant.organization_id, small_grant.organization_name)
            agreement = agreement_for_small_grant(
                small_grant,
                policy,
                parties=await parties_of(
                    self.tenants, tenant.tenant_id, applicant, (), representatives
                ),
                organization_granted=await self.agreements.small_grants_granted(
                    tenant, year, small_grant.organization_id, session
                ),
                pool_granted=await self.agreements.small_grants_granted(
                    tenant, year, session=session
                ),
                by=principal.subject,
                now=now,
            )
            await self.agreements.add(agreement, session)
            await self.small_grants.save(small_grant, session)
            await self.recorder.record(transaction, small_grant, agreement)
            return agreement

        return await self.transactions.run(work)

    async def set_policy(self, principal: Principal, policy: SmallGrantPolicy) -> SmallGrantPolicy:
        """Set the municipality's caps of one budget year."""
        tenant = require_officer(principal)
        event = set_small_grant_policy(
            policy, tenant_id=tenant.tenant_id, by=principal.subject, now=self.clock.now()
        )

        async def work(transaction: Transaction) -> SmallGrantPolicy:
            await self.policies.put(tenant, policy, transaction.session)
            await self.recorder.record_event(transaction, event, tenant)
            return policy

        return await self.transactions.run(work)

    async def policy(self, principal: Principal, year: int) -> SmallGrantPolicy:
        """Return the caps of one year."""
        policy = await self.policies.get(principal.tenant, year)
        if policy is None:
            raise _no_policy(year)
        return policy

    async def get(self, principal: Principal, small_grant_id: str) -> SmallGrant:
        """Return an offer to the officers and to its organization's members."""
        small_grant = await self.small_grants.get(principal.tenant, small_grant_id)
        if small_grant is None or not (
            principal.has_role(Role.TENANT_OFFICER)
            or principal.organization_id == small_grant.organization_id
        ):
            raise _small_grant_not_found(small_grant_id)
        return small_grant

    async def list_visible(self, principal: Principal) -> list[SmallGrant]:
        """Return the municipality's offers to officers, an organization's own to its members."""
        states = list(SmallGrantState)
        if principal.has_role(Role.TENANT_OFFICER):
            return await self.small_grants.in_states(
                principal.tenant, organization_id=None, states=states
            )
        organization_id = require_member(principal)
        return await self.small_grants.in_states(
            principal.tenant, organization_id=organization_id, states=states
        )

    async def published(self, tenant_id: str) -> list[SmallGrant]:
        """Return the offers open for comments in a municipality (public)."""
        return await self.small_grants.in_states(
            TenantContext(tenant_id), organization_id=None, states=[SmallGrantState.PUBLISHED]
        )

    async def _get(
        self, tenant: TenantContext, small_grant_id: str, transaction: Transaction
    ) -> SmallGrant:
        small_grant = await self.small_grants.get(tenant, small_grant_id, transaction.session)
        if small_grant is None:
            raise _small_grant_not_found(small_grant_id)
        return small_grant

    async def _change(
        self, principal: Principal, small_grant_id: str, change: Callable[[SmallGrant], object]
    ) -> SmallGrant:
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> SmallGrant:
            small_grant = await self._get(tenant, small_grant_id, transaction)
            change(small_grant)
            await self.small_grants.save(small_grant, transaction.session)
            await self.recorder.record(transaction, small_grant)
            return small_grant

        return await self.transactions.run(work)


def _no_policy(year: int) -> Conflict:
    return Conflict(
        detail=Text(
            f"Gmina nie ustaliła limitów małych grantów na rok {year}.",
            f"The municipality has not set its small-grant caps for {year}.",
        ),
        extra={"year": year},
    )
