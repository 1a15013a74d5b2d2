"""The draft of the yearly report on the cooperation programme, pre-filled from the figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from services.consultations.domain.common.validation import clean_text
from services.consultations.domain.monitoring.figures import (
    MunicipalityFigures,
    OrganizationFigures,
)
from shared.errors import InvalidInput, Text

__all__ = [
    "AnnualReportDraft",
    "DraftSection",
    "Figure",
    "OrganizationLine",
    "draft_annual_report",
    "report_due_on",
]

SECTION_TEXT_MAX = 50_000


def report_due_on(programme_year: int) -> date:
    """Return the day by which the report on the programme for `programme_year` is due."""
    # Art. 5a(3) of the Act as amended in 2015: by 31 May of the following year.
    return date(programme_year + 1, 5, 31)


@dataclass(frozen=True)
class Figure:
    """One number the platform knows, shown in a section."""

    key: str
    label: Text
    value: int | Decimal


@dataclass(frozen=True)
class DraftSection:
    """A section of the report: figures from the platform and the text the officer writes."""

    key: str
    title: Text
    guidance: Text
    figures: tuple[Figure, ...]
    text: str | None = None


@dataclass(frozen=True)
class OrganizationLine:
    """One active organization in the report's table."""

    name: str
    figures: OrganizationFigures


@dataclass(frozen=True)
class AnnualReportDraft:
    """The report on the cooperation programme of one year, as a draft to complete."""

    tenant_id: str
    programme_year: int
    due_on: date
    sections: tuple[DraftSection, ...]
    organizations: tuple[OrganizationLine, ...]

    def with_text(self, key: str, text: str) -> AnnualReportDraft:
        """Return the draft with the officer's text in section `key`."""
        if key not in {s.key for s in self.sections}:
            raise InvalidInput.for_field(
                "section", "Nie ma takiej części.", "No such section.", "unknown-section"
            )
        written = clean_text(text, "text", max_length=SECTION_TEXT_MAX)
        sections = tuple(replace(s, text=written) if s.key == key else s for s in self.sections)
        return replace(self, sections=sections)

    def missing_sections(self) -> tuple[str, ...]:
        """Return the keys of sections still without the officer's text."""
        return tuple(s.key for s in self.sections if s.text is None)

    def is_overdue(self, today: date) -> bool:
        """Return whether the due day has passed."""
        return today > self.due_on


def draft_annual_report(
    figures: MunicipalityFigures, *, names: Mapping[str, str]
) -> AnnualReportDraft:
    """Assemble the draft of the report on the programme of `figures.year`."""
    active = (o for o in figures.organizations if o.is_active)
    return AnnualReportDraft(
        tenant_id=figures.tenant_id,
        programme_year=figures.year,
        due_on=report_due_on(figures.year),
        sections=_sections(figures),
        organizations=tuple(
            OrganizationLine(names.get(o.organization_id, o.organization_id), o) for o in active
        ),
    )


def _figure(key: str, pl: str, en: str, value: int | Decimal) -> Figure:
    return Figure(key, Text(pl, en), value)


def _section(key: str, title: Text, guidance: Text, *figures: Figure) -> DraftSection:
    return DraftSection(key, title, guidance, figures)


def _sections(f: MunicipalityFigures) -> tuple[DraftSection, ...]:
    return (
        _section(
            "introduction",
            Text("Wprowadzenie", "Introduction"),
            Text(
                f"Podaj uchwałę przyjmującą program współpracy na {f.year} r. i jego cele.",
                f"Name the resolution adopting the {f.year} cooperation programme and its aims.",
            ),
        ),
        _section(
            "organizations",
            Text("Organizacje w gminie", "Organizations in the municipality"),
            Text(
                "Opisz, jak zmieniła się lokalna lista organizacji.",
                "Describe how the local list of organizations changed.",
            ),
            _figure("organizations_registered", "nowe organizacje w rejestrze",
                    "organizations newly registered", f.organizations_registered),
            _figure("active_organizations", "organizacje aktywne we współpracy",
                    "organizations active in cooperation", f.active_organizations),
        ),
        _section(
            "financial_cooperation",
            Text("Współpraca finansowa", "Financial cooperation"),
            Text(
                "Opisz tryby zlecania zadań i porównaj wydane środki z planem programu.",
                "Describe how tasks were commissioned and compare the funds with the plan.",
            ),
            _figure("offers_submitted", "złożone oferty", "offers submitted", f.offers_submitted),
            _figure("offers_granted", "oferty z dotacją", "offers granted", f.offers_granted),
            _figure("funds_granted", "przyznane dotacje (zł)", "funds granted (PLN)",
                    f.funds_granted),
        ),
        _section(
            "task_reports",
            Text("Sprawozdania z zadań publicznych", "Reports on public tasks"),
            Text(
                "Opisz rozliczenie zadań i przyczyny opóźnień.",
                "Describe how tasks were settled and why any reports were late.",
            ),
            _figure("reports_submitted", "złożone sprawozdania", "reports submitted",
                    f.reports_submitted),
            _figure("reports_on_time", "sprawozdania w terminie", "reports on time",
                    f.reports_on_time),
        ),
        _section(
            "consultations",
            Text("Konsultacje społeczne", "Social consultations"),
            Text(
                "Wymień konsultowane dokumenty i to, co zmieniły uwagi organizacji.",
                "List the consulted documents and what the organizations' comments changed.",
            ),
            _figure("consultations_held", "przeprowadzone konsultacje", "consultations held",
                    f.consultations_held),
            _figure("consultations_with_organizations", "konsultacje z udziałem organizacji",
                    "consultations with NGO participation", f.consultations_with_organizations),
            _figure("comments", "zgłoszone uwagi", "comments made", f.comments),
            _figure("comments_by_organizations", "uwagi organizacji", "comments by NGOs",
                    f.comments_by_organizations),
            _figure("comments_accepted", "uwagi uwzględnione", "comments accepted",
                    f.comments_accepted),
            _figure("comments_partly_accepted", "uwagi uwzględnione częściowo",
                    "comments partly accepted", f.comments_partly_accepted),
        ),
        _section(
            "non_financial_cooperation",
            Text("Współpraca pozafinansowa", "Non-financial cooperation"),
            Text(
                "Opisz lokale, patronaty, wspólne zespoły i pracę rady działalności pożytku.",
                "Describe premises, patronage, joint teams and the public benefit council's work.",
            ),
        ),
        _section(
            "evaluation",
            Text("Ocena realizacji programu", "Evaluation of the programme"),
            Text(
                "Oceń program według sposobu oceny, który w nim określono (art. 5a ust. 4 pkt 9).",
                "Evaluate the programme by the method it set (art. 5a(4)(9) of the Act).",
            ),
        ),
        _section(
            "conclusions",
            Text("Wnioski i rekomendacje", "Conclusions and recommendations"),
            Text(
                "Zapisz wnioski na kolejny program współpracy.",
                "Write down the conclusions for the next cooperation programme.",
            ),
        ),
    )  # fmt: skip
