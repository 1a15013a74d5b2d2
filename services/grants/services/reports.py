"""Use cases of reports: the NGO drafts, edits and submits; the officer accepts or returns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from services.grants.domain.agreement.agreement import Agreement
from services.grants.domain.agreement.obligations import ReportKind
from services.grants.domain.common.dates import DateRange
from services.grants.domain.report.contents import AchievedResult, Expense
from services.grants.domain.report.report import Report, draft_report
from services.grants.repository import AgreementRepository, ReportRepository
from services.grants.services.agreements import agreement_not_found
from shared.access import not_found, require_member, require_officer
from shared.clock import Clock
from shared.errors import Text
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["ReportContents", "ReportServices", "ReportWithAgreement"]


@dataclass(frozen=True)
class ReportContents:
    """What the organization writes in a report."""

    narrative: str
    results: Sequence[AchievedResult]
    expenses: Sequence[Expense]


@dataclass(frozen=True)
class ReportWithAgreement:
    """A report and the agreement it reports on."""

    report: Report
    agreement: Agreement


def _report_not_found(report_id: str) -> Exception:
    return not_found(Text("Nie ma takiego sprawozdania.", "No such report."), report_id=report_id)


@dataclass(frozen=True)
class ReportServices:
    """Partial and final reports under signed agreements."""

    transactions: TransactionRunner
    agreements: AgreementRepository
    reports: ReportRepository
    clock: Clock
    recorder: EventRecorder = field(default_factory=EventRecorder)

    async def draft(
        self, principal: Principal, agreement_id: str, obligation: str, period: DateRange | None
    ) -> ReportWithAgreement:
        """Start the organization's report for one obligation of its agreement."""
        organization_id = require_member(principal)

        async def work(transaction: Transaction) -> ReportWithAgreement:
            agreement = await self.agreements.get(
                principal.tenant, agreement_id, transaction.session
            )
            if agreement is None or agreement.organization_id != organization_id:
                raise agreement_not_found(agreement_id)
            report = draft_report(
                agreement,
                obligation_key=obligation,
                by=principal.subject,
                now=self.clock.now(),
                period=period,
            )
            await self.reports.add(report, transaction.session)
            await self.recorder.record(transaction, report)
            return ReportWithAgreement(report, agreement)

        return await self.transactions.run(work)

    async def revise(
        self, principal: Principal, report_id: str, contents: ReportContents
    ) -> ReportWithAgreement:
        """Replace the contents of a draft or returned report."""
        return await self._by_member(
            principal,
            report_id,
            lambda r, _: r.revise(
                narrative=contents.narrative,
                results=contents.results,
                expenses=contents.expenses,
                by=principal.subject,
                now=self.clock.now(),
            ),
        )

    async def submit(self, principal: Principal, report_id: str) -> ReportWithAgreement:
        """Hand the report in."""
        return await self._by_member(
            principal,
            report_id,
            lambda r, a: r.submit(a, by=principal.subject, now=self.clock.now()),
        )

    async def accept(self, principal: Principal, report_id: str) -> ReportWithAgreement:
        """Accept a report; an accepted final report settles the agreement."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> ReportWithAgreement:
            found = await self._load(tenant, report_id, transaction)
            report, agreement, now = found.report, found.agreement, self.clock.now()
            report.accept(by=principal.subject, now=now)
            await self.reports.save(report, transaction.session)
            await self.recorder.record(transaction, report)
            if report.obligation.kind is ReportKind.FINAL:
                agreement.settle(report, now=now)
                await self.agreements.save(agreement, transaction.session)
                await self.recorder.record(transaction, agreement)
            return found

        return await self.transactions.run(work)

    async def return_with_remarks(
        self, principal: Principal, report_id: str, remarks: str
    ) -> ReportWithAgreement:
        """Send a report back to the organization with what to correct."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> ReportWithAgreement:
            found = await self._load(tenant, report_id, transaction)
            found.report.return_with_remarks(remarks, by=principal.subject, now=self.clock.now())
            await self.reports.save(found.report, transaction.session)
            await self.recorder.record(transaction, found.report)
            return found

        return await self.transactions.run(work)

    async def get(self, principal: Principal, report_id: str) -> ReportWithAgreement:
        """Return a report to the officers and to its organization's members."""
        found = await self._load(principal.tenant, report_id, None)
        own = principal.organization_id == found.report.organization_id
        if not own and not principal.has_role(Role.TENANT_OFFICER):
            raise _report_not_found(report_id)
        return found

    async def of_agreement(self, principal: Principal, agreement_id: str) -> list[Report]:
        """Return the reports under an agreement the caller may read."""
        agreement = await self.agreements.get(principal.tenant, agreement_id)
        own = agreement is not None and principal.organization_id == agreement.organization_id
        if agreement is None or not (own or principal.has_role(Role.TENANT_OFFICER)):
            raise agreement_not_found(agreement_id)
        return await self.reports.of_agreement(principal.tenant, agreement_id)

    async def _load(
        self, tenant: TenantContext, report_id: str, transaction: Transaction | None
    ) -> ReportWithAgreement:
        session = transaction.session if transaction else None
        report = await self.reports.get(tenant, report_id, session)
        if report is None:
            raise _report_not_found(report_id)
        agreement = await self.agreements.get(tenant, report.agreement_id, session)
        if agreement is None:
            raise agreement_not_found(report.agreement_id)
        return ReportWithAgreement(report, agreement)

    async def _by_member(
        self,
        principal: Principal,
        report_id: str,
        change: Callable[[Report, Agreement], object],
    ) -> ReportWithAgreement:
        organization_id = require_member(principal)

        async def work(transaction: Transaction) -> ReportWithAgreement:
            found = await self._load(principal.tenant, report_id, transaction)
            if found.report.organization_id != organization_id:
                raise _report_not_found(report_id)
            change(found.report, found.agreement)
            await self.reports.save(found.report, transaction.session)
            await self.recorder.record(transaction, found.report)
            return found

        return await self.transactions.run(work)
