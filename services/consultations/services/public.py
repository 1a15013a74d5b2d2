"""What everyone may read: opened consultations and published reports, as JSON or a page."""

from __future__ import annotations

from dataclasses import dataclass

from services.consultations.adapters.rendering import ReportPage, render_report_page
from services.consultations.adapters.search import searchable
from services.consultations.domain.consultation.consultation import (
    Consultation,
    ConsultationState,
)
from services.consultations.domain.consultation.report import ConsultationReport
from services.consultations.domain.index.round import IndexRound, RoundState
from services.consultations.repository import (
    ConsultationRepository,
    IndexRoundRepository,
    OrganizationNames,
    ReportRepository,
    TenantDirectory,
)
from services.consultations.services.index import NO_SUCH_ROUND
from services.consultations.services.lookups import NO_SUCH_CONSULTATION
from shared.access import not_found
from shared.errors import Text
from shared.search.records import RecordIndex
from shared.tenancy import TenantContext

__all__ = ["NamedReport", "PublicServices"]

_MOST = 1000  # more opened consultations than a municipality holds
NO_REPORT = Text(
    "Raport z tych konsultacji nie został jeszcze opublikowany.",
    "The report of this consultation is not published yet.",
)


@dataclass(frozen=True)
class NamedReport:
    """A published report with the names of its municipality and organizations."""

    report: ConsultationReport
    municipality_name: str | None
    organization_names: dict[str, str]


@dataclass(frozen=True)
class PublicServices:
    """Read opened consultations and published reports without a token."""

    consultations: ConsultationRepository
    reports: ReportRepository
    organizations: OrganizationNames
    tenants: TenantDirectory
    rounds: IndexRoundRepository
    index: RecordIndex

    async def consultations_of(
        self, tenant_id: str, *, state: ConsultationState | None, limit: int
    ) -> list[Consultation]:
        """Return a municipality's opened consultations, newest first."""
        if state is ConsultationState.DRAFT:
            return []
        return await self.consultations.list_public(
            TenantContext(tenant_id), state=state, limit=limit
        )

    async def search(
        self, tenant_id: str, text: str, *, state: ConsultationState | None, limit: int
    ) -> list[tuple[Consultation, dict[str, str]]]:
        """Return the opened consultations matching `text`, best first, with the marked words."""
        found = {c.id: c for c in await self.consultations_of(tenant_id, state=state, limit=_MOST)}
        hits = self.index.among(tenant_id, text, [searchable(c) for c in found.values()])
        return [(found[hit.id], hit.highlights) for hit in hits[:limit]]

    async def consultation(self, tenant_id: str, consultation_id: str) -> Consultation:
        """Return one opened consultation of a municipality."""
        found = await self.consultations.get_public(TenantContext(tenant_id), consultation_id)
        if found is None:
            raise not_found(NO_SUCH_CONSULTATION, consultation_id=consultation_id)
        return found

    async def report(self, tenant_id: str, consultation_id: str) -> NamedReport:
        """Return the published report of a municipality's consultation."""
        report = await self.reports.get(TenantContext(tenant_id), consultation_id)
        if report is None:
            raise not_found(NO_REPORT, consultation_id=consultation_id)
        ids = {e.organization_id for e in report.entries if e.organization_id}
        return NamedReport(
            report,
            (await self.tenants.names([tenant_id])).get(tenant_id),
            await self.organizations.names(ids),
        )

    async def published_round(self, tenant_id: str, round_id: str) -> IndexRound:
        """Return a municipality's published assessment round (an open one is the raters')."""
        found = await self.rounds.get_visible(TenantContext(tenant_id), round_id)
        if found is None or found.state is not RoundState.PUBLISHED:
            raise not_found(NO_SUCH_ROUND, round_id=round_id)
        return found

    async def report_page(self, tenant_id: str, consultation_id: str) -> str:
        """Return the published report as a readable HTML page in Polish."""
        named = await self.report(tenant_id, consultation_id)
        return render_report_page(
            ReportPage(named.report, named.municipality_name, named.organization_names)
        )
