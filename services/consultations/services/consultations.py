"""Use cases of consultations: drafting, revising, opening, reading and closing on time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.consultations.domain.consultation.consultation import (
    Consultation,
    ConsultationState,
    draft_consultation,
)
from services.consultations.domain.consultation.council import PublicBenefitCouncil
from services.consultations.domain.consultation.schedule import SchedulePolicy, ScheduleWarning
from services.consultations.domain.consultation.terms import ConsultationTerms
from services.consultations.repository import ConsultationRepository, CouncilRepository
from services.consultations.services.access import Access
from services.consultations.services.lookups import NO_SUCH_CONSULTATION, own_consultation
from shared.access import not_found, require_officer
from shared.clock import Clock
from shared.logging import get_logger
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, TenantContext

__all__ = ["ConsultationServices", "Drafted"]

CLOSING_BATCH = 100
log = get_logger(__name__)


@dataclass(frozen=True)
class Drafted:
    """A consultation with the timetable warnings its officer should see."""

    consultation: Consultation
    warnings: list[ScheduleWarning]


@dataclass(frozen=True)
class ConsultationServices:
    """Draft, revise, open, list and close consultations; keep the council's members."""

    transactions: TransactionRunner
    recorder: EventRecorder
    consultations: ConsultationRepository
    councils: CouncilRepository
    access: Access
    policy: SchedulePolicy
    clock: Clock

    async def draft(self, principal: Principal, terms: ConsultationTerms) -> Drafted:
        """Draft a consultation of the officer's municipality; warn about its timetable."""
        tenant = require_officer(principal)
        consultation = draft_consultation(
            tenant_id=tenant.tenant_id,
            terms=terms,
            drafted_by=principal.subject,
            now=self.clock.now(),
            policy=self.policy,
        )

        async def work(transaction: Transaction) -> None:
            await self.consultations.add(consultation, transaction.session)
            await self.recorder.record(transaction, consultation)

        await self.transactions.run(work)
        return Drafted(consultation, consultation.schedule_warnings(self.policy))

    async def revise(
        self, principal: Principal, consultation_id: str, terms: ConsultationTerms
    ) -> Drafted:
        """Replace the terms of a draft; warn about the new timetable."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Drafted:
            consultation = await own_consultation(
                self.consultations, tenant, consultation_id, transaction.session
            )
            warnings = consultation.revise(
                terms, revised_by=principal.subject, now=self.clock.now(), policy=self.policy
            )
            await self.consultations.save(consultation, transaction.session)
            await self.recorder.record(transaction, consultation)
            return Drafted(consultation, warnings)

        return await self.transactions.run(work)

    async def open(self, principal: Principal, consultation_id: str) -> Consultation:
        """Announce a draft: from its start it takes comments until its end."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Consultation:
            consultation = await own_consultation(
                self.consultations, tenant, consultation_id, transaction.session
            )
            consultation.open(opened_by=principal.subject, now=self.clock.now())
            await self.consultations.save(consultation, transaction.session)
            await self.recorder.record(transaction, consultation)
            return consultation

        return await self.transactions.run(work)

    async def visible(
        self, principal: Principal, *, state: ConsultationState | None, limit: int
    ) -> list[Consultation]:
        """Return an officer's consultations, or the opened ones of a centre's members."""
        tenant = await self.access.staff(principal)
        return await self.consultations.list_visible(tenant, state=state, limit=limit)

    async def get(self, principal: Principal, consultation_id: str) -> Drafted:
        """Return one consultation the caller may see, with a draft's warnings."""
        tenant = await self.access.staff(principal)
        consultation = await self.consultations.get_visible(tenant, consultation_id)
        if consultation is None or not self._may_see(tenant, consultation):
            raise not_found(NO_SUCH_CONSULTATION, consultation_id=consultation_id)
        warnings = (
            consultation.schedule_warnings(self.policy)
            if consultation.state is ConsultationState.DRAFT
            else []
        )
        return Drafted(consultation, warnings)

    async def close_due(self, now: datetime | None = None) -> int:
        """Close every open consultation whose end has come; return how many closed."""
        moment = now or self.clock.now()
        closed = 0
        for tenant_id, consultation_id in await self.consultations.due_to_close(
            moment, limit=CLOSING_BATCH
        ):
            closed += await self._close_one(TenantContext(tenant_id), consultation_id, moment)
        if closed:
            log.info("consultations.close_due.closed", closed=closed)
        return closed

    async def council(self, principal: Principal) -> PublicBenefitCouncil:
        """Return the officer's public benefit council as kept here."""
        tenant = require_officer(principal)
        council = await self.councils.get(tenant, tenant.tenant_id)
        return council or PublicBenefitCouncil(tenant_id=tenant.tenant_id)

    async def set_council(self, principal: Principal, members: list[str]) -> PublicBenefitCouncil:
        """Replace the list of the council's members (their platform user ids)."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> PublicBenefitCouncil:
            known = await self.councils.get(tenant, tenant.tenant_id, transaction.session)
            council = known or PublicBenefitCouncil(tenant_id=tenant.tenant_id)
            if not council.set_members(members, changed_by=principal.subject, now=self.clock.now()):
                return council
            if known is None:
                await self.councils.add(council, transaction.session)
            else:
                await self.councils.save(council, transaction.session)
            await self.recorder.record(transaction, council)
            return council

        return await self.transactions.run(work)

    async def _close_one(self, tenant: TenantContext, consultation_id: str, now: datetime) -> int:
        async def work(transaction: Transaction) -> int:
            consultation = await self.consultations.get(
                tenant, consultation_id, transaction.session
            )
            if consultation is None or not consultation.close_if_due(now):
                return 0
            await self.consultations.save(consultation, transaction.session)
            await self.recorder.record(transaction, consultation)
            return 1

        return await self.transactions.run(work)

    @staticmethod
    def _may_see(tenant: TenantContext, consultation: Consultation) -> bool:
        # A municipality's drafts are its own business, even for its support centre.
        return (
            consultation.tenant_id == tenant.tenant_id
            or consultation.state is not ConsultationState.DRAFT
        )
