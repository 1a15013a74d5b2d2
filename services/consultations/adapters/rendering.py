"""The readable HTML page of a published consultation report, in Polish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from services.consultations.domain.common.polish_time import POLISH_TIME
from services.consultations.domain.consultation.comment import VERDICT_LABELS
from services.consultations.domain.consultation.participants import ParticipantKind
from services.consultations.domain.consultation.report import ConsultationReport, ReportEntry
from services.consultations.domain.consultation.terms import KIND_LABELS
from shared.text import printable

__all__ = ["ReportPage", "render_report_page"]

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
_PARTICIPANTS = {
    ParticipantKind.ORGANIZATION: "organizacja pozarządowa",
    ParticipantKind.RESIDENT: "mieszkaniec lub mieszkanka",
    ParticipantKind.PUBLIC_BENEFIT_COUNCIL: "członek rady działalności pożytku publicznego",
}


def _printable(value: object) -> object:
    # Comments stored before inputs refused control characters still print without them.
    return printable(value) if isinstance(value, str) else value


_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default=True),
    undefined=StrictUndefined,
    finalize=_printable,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class ReportPage:
    """What the page shows: the report and the names behind its ids."""

    report: ConsultationReport
    municipality_name: str | None
    organization_names: dict[str, str]

    def author(self, entry: ReportEntry) -> str:
        """Return who made a comment, naming an organization and never a person."""
        if entry.organization_id:
            return self.organization_names.get(entry.organization_id, entry.organization_id)
        return _PARTICIPANTS[entry.participant_kind]


def _moment(value: datetime) -> str:
    return value.astimezone(POLISH_TIME).strftime("%d.%m.%Y, godz. %H:%M")


def _day(value: datetime) -> str:
    return value.astimezone(POLISH_TIME).strftime("%d.%m.%Y")


_environment.filters["moment"] = _moment
_environment.filters["day"] = _day


def render_report_page(page: ReportPage) -> str:
    """Render the report as a standalone HTML page."""
    return _environment.get_template("report.html").render(
        page=page,
        report=page.report,
        kind=KIND_LABELS[page.report.kind].pl,
        verdicts={verdict: label.pl for verdict, label in VERDICT_LABELS.items()},
    )
