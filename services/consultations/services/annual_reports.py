"""Use cases of the yearly report on the cooperation programme, drafted from the figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.consultations.domain.common.polish_time import local_day
from services.consultations.domain.monitoring.programme_report import (
    ProgrammeReport,
    assemble_report,
    programme_report_id,
)
from services.consultations.repository import ProgrammeReportRepository
from services.consultations.services.access import Access
from services.consultations.services.monitoring import MonitoringServices
from shared.access import not_found, require_officer
from shared.clock import Clock
from shared.errors import Text
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal

__all__ = ["AnnualReportServices", "ReadOn"]

NO_DRAFT = Text(
    "Nie ma jeszcze projektu sprawozdania za ten rok.", "No draft report for this year yet."
)


@dataclass(frozen=True)
class ReadOn:
    """A draft and the day in Poland it is read on, which decides whether it is overdue."""

    report: ProgrammeReport
    today: date


@dataclass(frozen=True)
class AnnualReportServices:
    """Assemble the draft from the figures and let the officer complete it."""

    transactions: TransactionRunner
    recorder: EventRecorder
    reports: ProgrammeReportRepository
    monitoring: MonitoringServices
    access: Access
    clock: Clock

    async def assemble(self, principal: Principal, year: int) -> ReadOn:
        """Assemble the draft from today's figures, keeping any sections already written."""
        tenant = require_officer(principal)
        named = await self.monitoring.figures_of(tenant.tenant_id, year)

        async def work(transaction: Transaction) -> ProgrammeReport:
            report_id = programme_report_id(tenant.tenant_id, year)
            report = await self.reports.get(tenant, report_id, transaction.session)
            if report is None:
                report = assemble_report(
                    named.figures,
                    names=named.organization_names,
                    assembled_by=principal.subject,
                    now=self.clock.now(),
                )
                await self.reports.add(report, transaction.session)
            else:
                report.reassemble(
                    named.figures,
                    names=named.organization_names,
                    assembled_by=principal.subject,
                    now=self.clock.now(),
                )
                await self.reports.save(report, transaction.session)
            await self.recorder.record(transaction, report)
            return report

        return self._today(await self.transactions.run(work))

    async def get(self, principal: Principal, year: int) -> ReadOn:
        """Return the officer's draft report of one year."""
        tenant = require_officer(principal)
        report = await self.reports.get(tenant, programme_report_id(tenant.tenant_id, year))
        if report is None:
            raise not_found(NO_DRAFT, year=str(year))
        return self._today(report)

    async def write(self, principal: Principal, year: int, section: str, text: str) -> ReadOn:
        """Write the officer's text of one section of the draft."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> ProgrammeReport:
            report_id = programme_report_id(tenant.tenant_id, year)
            report = await self.reports.get(tenant, report_id, transaction.session)
            if report is None:
                raise not_found(NO_DRAFT, year=str(year))
            report.write(section, text, written_by=principal.subject, now=self.clock.now())
            await self.reports.save(report, transaction.session)
            await self.recorder.record(transaction, report)
            return report

        return self._today(await self.transactions.run(work))

    def _today(self, report: ProgrammeReport) -> ReadOn:
        return ReadOn(report, local_day(self.clock.now()))
