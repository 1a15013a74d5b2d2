"""Response bodies of participation monitoring and the yearly programme report."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from services.consultations.domain.monitoring.figures import OrganizationFigures
from services.consultations.domain.monitoring.programme_report import ProgrammeReport
from services.consultations.services.monitoring import NamedFigures
from shared.text import Paragraph

__all__ = [
    "AnnualReportView",
    "CentreFiguresView",
    "MunicipalityFiguresView",
    "OrganizationFiguresView",
    "SectionText",
]


class OrganizationFiguresView(BaseModel):
    """What one organization did in one municipality in one year."""

    model_config = ConfigDict(from_attributes=True)

    tenant_id: str
    organization_id: str
    name: str | None = Field(None, description="Public name of the organization.")
    year: int
    consultations: int = Field(description="Consultations it took part in.")
    comments: int
    comments_accepted: int
    comments_partly_accepted: int
    survey_responses: int
    offers_submitted: int
    offers_granted: int
    funds_granted: Decimal = Field(description="Grants awarded, PLN.")
    reports_submitted: int
    reports_on_time: int

    @classmethod
    def of(cls, figures: OrganizationFigures, name: str | None) -> OrganizationFiguresView:
        """Render an organization's figures."""
        view = cls.model_validate(figures)
        return view.model_copy(update={"name": name})


class MunicipalityFiguresView(BaseModel):
    """A municipality's year: totals and its organizations' figures."""

    tenant_id: str
    name: str | None = Field(description="Name of the municipality.")
    year: int
    organizations_registered: int
    active_organizations: int
    consultations_held: int
    consultations_with_organizations: int
    comments: int = Field(description="Comments by everyone: organizations, residents, council.")
    comments_by_organizations: int
    comments_accepted: int
    comments_partly_accepted: int
    offers_submitted: int
    offers_granted: int
    funds_granted: Decimal = Field(description="Grants awarded, PLN.")
    reports_submitted: int
    reports_on_time: int
    organizations: list[OrganizationFiguresView]

    @classmethod
    def of(cls, named: NamedFigures) -> MunicipalityFiguresView:
        """Render a municipality's figures with names."""
        figures = named.figures
        totals = {
            name: getattr(figures, name)
            for name in cls.model_fields
            if name not in {"name", "organizations"}
        }
        organizations = [
            OrganizationFiguresView.of(o, named.organization_names.get(o.organization_id))
            for o in figures.organizations
        ]
        return cls(**totals, name=named.municipality_name, organizations=organizations)


class CentreFiguresView(BaseModel):
    """A support centre's members side by side in one year."""

    year: int
    municipalities: list[MunicipalityFiguresView]


class FigureView(BaseModel):
    """One number the platform knows, shown in a section."""

    key: str
    label: str
    value: int | Decimal


class SectionView(BaseModel):
    """A section of the report: figures and the officer's text."""

    key: str
    title: str
    guidance: str
    figures: list[FigureView]
    text: str | None


class OrganizationLineView(BaseModel):
    """One active organization in the report's table."""

    name: str
    organization_id: str
    consultations: int
    comments: int
    offers_submitted: int
    offers_granted: int
    funds_granted: Decimal
    reports_submitted: int
    reports_on_time: int


class AnnualReportView(BaseModel):
    """The draft report on a year's cooperation programme."""

    id: str
    tenant_id: str
    programme_year: int
    due_on: date = Field(description="Day it must be published by (art. 5a(3) of the Act).")
    overdue: bool
    missing_sections: list[str]
    sections: list[SectionView]
    organizations: list[OrganizationLineView]
    assembled_at: datetime

    @classmethod
    def of(cls, report: ProgrammeReport, language: str, today: date) -> AnnualReportView:
        """Render a draft in `language`."""
        draft = report.draft
        return cls(
            id=report.id,
            tenant_id=report.tenant_id,
            programme_year=report.programme_year,
            due_on=draft.due_on,
            overdue=draft.is_overdue(today),
            missing_sections=list(draft.missing_sections()),
            sections=[
                SectionView(
                    key=s.key,
                    title=s.title.in_language(language),
                    guidance=s.guidance.in_language(language),
                    figures=[
                        FigureView(key=f.key, label=f.label.in_language(language), value=f.value)
                        for f in s.figures
                    ],
                    text=s.text,
                )
                for s in draft.sections
            ],
            organizations=[
                OrganizationLineView(
                    name=line.name,
                    organization_id=line.figures.organization_id,
                    consultations=line.figures.consultations,
                    comments=line.figures.comments,
                    offers_submitted=line.figures.offers_submitted,
                    offers_granted=line.figures.offers_granted,
                    funds_granted=line.figures.funds_granted,
                    reports_submitted=line.figures.reports_submitted,
                    reports_on_time=line.figures.reports_on_time,
                )
                for line in draft.organizations
            ],
            assembled_at=report.assembled_at,
        )


class SectionText(BaseModel):
    """The officer's text of one section."""

    model_config = ConfigDict(extra="forbid")

    text: Paragraph = Field(description="Text of the section (it replaces any earlier one).")
