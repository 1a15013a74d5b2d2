"""Use cases of the yearly report on the cooperation programme, drafted from the figures."""

from __future__ import annotations

from dataclasses import dataclass

from services.consultations.domain.monitoring.programme_report import (
    ProgrammeReport,
    assemble_report,
    programme_report_id,
)
from services.consultations.repository import ProgrammeReportRepository
from services.consultations.services.access import AccessPolicy, not_found
from services.consultations.services.common import Outbox, utc_now
from services.consultations.services.monitoring import MonitoringServices
from shared.errors import Text
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import Principal

__all__ = ["AnnualReportServices"]

NO_DRAFT = Text(
    "Nie ma jeszcze projektu sprawozdania za ten rok.", "No draft report for this year yet."
)


@dataclass(frozen=True)
class AnnualReportServices:
    """Assemble the draft from the figures and let the officer complete it."""

    transactions: TransactionRunner
    outbox: Outbox
    reports: ProgrammeReportRepository
    monitoring: MonitoringServices
    access: AccessPolicy

    async def assemble(self, principal: Principal, year: int) -> ProgrammeReport:
        """Assemble the draft from today's figures, keeping any sections already written."""
        tenant = self.access.officer(principal)
        named = await self.monitoring.figures_of(tenant.tenant_id, year)

        async def work(transaction: Transaction) -> ProgrammeReport:
            report_id = programme_report_id(tenant.tenant_id, year)
            report = await self.reports.get(tenant, report_id, transaction.session)
            if report is None:
                report = assemble_report(
                    named.figures,
                    names=named.organization_names,
                    assembled_by=principal.subject,
                    now=utc_now(),
                )
                await self.reports.add(report, transaction.session)
            else:
                report.reassemble(
                    named.figures,
                    names=named.organization_names,
                    assembled_by=principal.subject,
                    now=utc_now(),
                )
                await self.reports.save(report, transaction.session)
            await self.outbox.send(transaction, report.events, tenant)
            return report

        return await self.transactions.run(work)

    async def get(self, principal: Principal, year: int) -> ProgrammeReport:
        """Return the officer's draft report of one year."""
        tenant = self.access.officer(principal)
        report = await self.reports.get(tenant, programme_report_id(tenant.tenant_id, year))
        if report is None:
            raise not_found(NO_DRAFT, year=str(year))
        return report

    async def write(
        self, principal: Principal, year: int, section: str, text: str
    ) -> ProgrammeReport:
        """Write the officer's text of one section of the draft."""
        tenant = self.access.officer(principal)

        async def work(transaction: Transaction) -> ProgrammeReport:
            report_id = programme_report_id(tenant.tenant_id, year)
            report = await self.reports.get(tenant, report_id, transaction.session)
            if report is None:
                raise not_found(NO_DRAFT, year=str(year))
            report.write(section, text, written_by=principal.subject, now=utc_now())
            await self.reports.save(report, transaction.session)
            await self.outbox.send(transaction, report.events, tenant)
            return report

        return await self.transactions.run(work)
