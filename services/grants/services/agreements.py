"""Use cases of agreements: prepare for a granted offer, update the budget, sign, remind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from services.grants.domain.agreement.agreement import Agreement, AgreementParty
from services.grants.domain.agreement.preparation import agreement_for_offer
from services.grants.domain.common.budget import Budget
from services.grants.domain.common.dates import DateRange, local_date
from services.grants.domain.offer.offer import Offer, OfferState
from services.grants.repository import (
    AgreementRepository,
    CompetitionRepository,
    OfferRepository,
    ReportRepository,
    TenantDirectory,
)
from services.grants.services.access import competition_not_found
from services.grants.services.offers import offer_not_found
from shared.access import not_found, require_officer
from shared.clock import Clock
from shared.errors import Conflict, Text
from shared.logging import get_logger
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["AgreementServices", "Representatives", "agreement_not_found", "parties_of"]

log = get_logger(__name__)


def agreement_not_found(agreement_id: str) -> Exception:
    """Return the answer for an agreement the caller may not see."""
    return not_found(Text("Nie ma takiej umowy.", "No such agreement."), agreement_id=agreement_id)


@dataclass(frozen=True)
class Representatives:
    """Who signs for each party."""

    municipality: tuple[str, ...] = ()
    organization: tuple[str, ...] = ()


async def parties_of(
    tenants: TenantDirectory,
    tenant_id: str,
    applicant: tuple[str, str],
    partners: Sequence[tuple[str, str]],
    representatives: Representatives,
) -> list[AgreementParty]:
    """Return the municipality, the applicant and its partners as parties to an agreement."""
    record = await tenants.get(tenant_id)
    municipality = record.name if record else f"Jednostka samorządu {tenant_id}"
    organization_id, name = applicant
    return [
        AgreementParty(municipality, None, representatives.municipality),
        AgreementParty(name, organization_id, representatives.organization),
        *(AgreementParty(partner_name, partner_id) for partner_id, partner_name in partners),
    ]


@dataclass(frozen=True)
class AgreementServices:
    """An officer prepares and signs agreements; a job raises report reminders."""

    transactions: TransactionRunner
    competitions: CompetitionRepository
    offers: OfferRepository
    agreements: AgreementRepository
    reports: ReportRepository
    tenants: TenantDirectory
    clock: Clock
    recorder: EventRecorder = field(default_factory=EventRecorder)

    async def prepare(
        self,
        principal: Principal,
        offer_id: str,
        *,
        representatives: Representatives,
        task_period: DateRange | None,
        partial_report_due_dates: Sequence[date],
    ) -> Agreement:
        """Prepare the agreement for an offer granted in published results."""
        tenant = require_officer(principal)
        offer = await self.offers.get(tenant, offer_id)
        if offer is None or offer.state is OfferState.DRAFT:
            raise offer_not_found(offer_id)
        parties = await self._parties(offer, representatives)

        async def work(transaction: Transaction) -> Agreement:
            competition = await self.competitions.get(
                tenant, offer.competition_id, transaction.session
            )
            if competition is None:
                raise competition_not_found(offer.competition_id)
            agreement = agreement_for_offer(
                competition,
                offer,
                parties=parties,
                by=principal.subject,
                now=self.clock.now(),
                task_period=task_period,
                partial_report_due_dates=partial_report_due_dates,
            )
            await self.agreements.add(agreement, transaction.session)
            await self.recorder.record(transaction, agreement)
            return agreement

        return await self.transactions.run(work)

    async def update_budget(
        self, principal: Principal, agreement_id: str, budget: Budget
    ) -> Agreement:
        """Set the budget updated to a grant lower than requested."""
        return await self._change(
            principal,
            agreement_id,
            lambda a: a.update_budget(budget, by=principal.subject, now=self.clock.now()),
        )

    async def sign(self, principal: Principal, agreement_id: str) -> Agreement:
        """Record that every party signed."""
        return await self._change(principal, agreement_id, lambda a: a.sign(now=self.clock.now()))

    async def get(self, principal: Principal, agreement_id: str) -> Agreement:
        """Return an agreement to its municipality's officers and its organization's members."""
        agreement = await self.agreements.get(principal.tenant, agreement_id)
        if agreement is None or not _may_read(principal, agreement):
            raise agreement_not_found(agreement_id)
        return agreement

    async def list_visible(self, principal: Principal) -> list[Agreement]:
        """Return the municipality's agreements, or an organization's own."""
        if principal.has_role(Role.TENANT_OFFICER):
            return await self.agreements.find(principal.tenant, {}, sort=[("_id", 1)])
        if principal.organization_id:
            return await self.agreements.of_organization(
                principal.tenant, principal.organization_id
            )
        return []

    async def raise_report_notices(self) -> int:
        """Raise each due and overdue report reminder once; return how many were raised."""
        today, raised = local_date(self.clock.now()), 0
        for signed in await self.agreements.signed_across_tenants():
            try:
                raised += await self._notices(TenantContext(signed.tenant_id), signed.id, today)
            except Conflict:
                # Changed meanwhile (settled, say); the next run looks at it again.
                log.warning("grants.report_notices.skipped", agreement_id=signed.id)
        return raised

    async def _notices(self, tenant: TenantContext, agreement_id: str, today: date) -> int:
        handed_in = await self.reports.handed_in(tenant, agreement_id)

        async def work(transaction: Transaction) -> int:
            agreement = await self.agreements.get(tenant, agreement_id, transaction.session)
            if agreement is None:
                return 0
            notices = agreement.record_report_notices(today=today, fulfilled=handed_in)
            if notices:
                await self.agreements.save(agreement, transaction.session)
                await self.recorder.record(transaction, agreement)
            return len(notices)

        raised = await self.transactions.run(work)
        if raised:
            log.info("grants.report_notices.raised", agreement_id=agreement_id, count=raised)
        return raised

    async def _parties(
        self, offer: Offer, representatives: Representatives
    ) -> list[AgreementParty]:
        partners = [(p.organization_id, p.name) for p in offer.content.partners]
        applicant = (offer.organization_id, offer.organization_name)
        return await parties_of(self.tenants, offer.tenant_id, applicant, partners, representatives)

    async def _change(
        self, principal: Principal, agreement_id: str, change: Callable[[Agreement], object]
    ) -> Agreement:
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Agreement:
            agreement = await self.agreements.get(tenant, agreement_id, transaction.session)
            if agreement is None:
                raise agreement_not_found(agreement_id)
            change(agreement)
            await self.agreements.save(agreement, transaction.session)
            await self.recorder.record(transaction, agreement)
            return agreement

        return await self.transactions.run(work)


def _may_read(principal: Principal, agreement: Agreement) -> bool:
    if principal.has_role(Role.TENANT_OFFICER):
        return True
    return principal.organization_id == agreement.organization_id
