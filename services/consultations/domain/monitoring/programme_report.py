"""The ProgrammeReport aggregate: a municipality's draft report on one year's programme."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from services.consultations.domain.monitoring.annual_report import (
    AnnualReportDraft,
    draft_annual_report,
)
from services.consultations.domain.monitoring.figures import MunicipalityFigures
from shared.contracts.base import EventContract
from shared.contracts.consultations import AnnualReportAssembled, AnnualReportSectionWritten

__all__ = ["ProgrammeReport", "assemble_report", "programme_report_id"]


def programme_report_id(tenant_id: str, programme_year: int) -> str:
    """Return the id of a municipality's report on one year: there is one per year."""
    return f"{tenant_id}-{programme_year}"


@dataclass
class ProgrammeReport:
    """The figures a report was assembled from and the sections the officer wrote."""

    id: str
    tenant_id: str
    programme_year: int
    figures: MunicipalityFigures
    names: dict[str, str]
    assembled_by: str
    assembled_at: datetime
    texts: dict[str, str] = field(default_factory=dict)
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def draft(self) -> AnnualReportDraft:
        """Return the draft: the figures' sections with the officer's texts in them."""
        draft = draft_annual_report(self.figures, names=self.names)
        for key, text in self.texts.items():
            draft = draft.with_text(key, text)
        return draft

    def reassemble(
        self,
        figures: MunicipalityFigures,
        *,
        names: Mapping[str, str],
        assembled_by: str,
        now: datetime,
    ) -> None:
        """Take in the current figures, keeping every section the officer wrote."""
        if (figures.tenant_id, figures.year) != (self.tenant_id, self.programme_year):
            raise ValueError("the figures are of another municipality or year")
        self.figures, self.names = figures, dict(names)
        self.assembled_by, self.assembled_at = assembled_by, now
        self.events.append(_assembled_event(self))

    def write(self, section: str, text: str, *, written_by: str, now: datetime) -> None:
        """Write (or rewrite) the officer's text of one section."""
        written = self.draft.with_text(section, text)
        self.texts[section] = next(s.text or "" for s in written.sections if s.key == section)
        self.events.append(
            AnnualReportSectionWritten(
                annual_report_id=self.id,
                programme_year=self.programme_year,
                section=section,
                missing_sections=list(written.missing_sections()),
                written_by=written_by,
                written_at=now,
            )
        )


def assemble_report(
    figures: MunicipalityFigures, *, names: Mapping[str, str], assembled_by: str, now: datetime
) -> ProgrammeReport:
    """Assemble the first draft of the report on the programme of `figures.year`."""
    report = ProgrammeReport(
        id=programme_report_id(figures.tenant_id, figures.year),
        tenant_id=figures.tenant_id,
        programme_year=figures.year,
        figures=figures,
        names=dict(names),
        assembled_by=assembled_by,
        assembled_at=now,
    )
    report.events.append(_assembled_event(report))
    return report


def _assembled_event(report: ProgrammeReport) -> AnnualReportAssembled:
    draft = report.draft
    return AnnualReportAssembled(
        annual_report_id=report.id,
        programme_year=report.programme_year,
        due_on=draft.due_on,
        active_organizations=report.figures.active_organizations,
        missing_sections=list(draft.missing_sections()),
        assembled_by=report.assembled_by,
        assembled_at=report.assembled_at,
    )
