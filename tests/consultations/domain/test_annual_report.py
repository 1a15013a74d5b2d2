"""The draft of the yearly report on the cooperation programme (art. 5a(3) of the Act)."""

from __future__ import annotations

from datetime import date

import pytest

from services.consultations.domain.monitoring.annual_report import (
    AnnualReportDraft,
    draft_annual_report,
    report_due_on,
)
from services.consultations.domain.monitoring.figures import municipality_figures
from services.consultations.domain.monitoring.ledger import ParticipationLedger
from shared.errors import InvalidInput

from .monitoring_inputs import TENANT, year_2025


def draft() -> AnnualReportDraft:
    ledger = ParticipationLedger()
    for fact in year_2025():
        ledger.apply(fact)
    figures = municipality_figures(TENANT, 2025, ledger.facts(TENANT, 2025))
    return draft_annual_report(figures, names=ledger.names(TENANT))


def figures_in(report: AnnualReportDraft, key: str) -> dict[str, object]:
    (section,) = [s for s in report.sections if s.key == key]
    return {f.key: f.value for f in section.figures}


class TestReportDueOn:
    def test_is_31_may_of_the_following_year(self) -> None:
        assert report_due_on(2025) == date(2026, 5, 31)


class TestDraftAnnualReport:
    def test_prefills_the_sections_with_the_figures(self) -> None:
        report = draft()
        assert (report.programme_year, report.due_on) == (2025, date(2026, 5, 31))
        assert figures_in(report, "consultations")["comments_accepted"] == 2
        assert figures_in(report, "financial_cooperation")["offers_granted"] == 2
        assert figures_in(report, "task_reports") == {"reports_submitted": 2, "reports_on_time": 1}

    def test_leaves_every_text_to_the_officer(self) -> None:
        report = draft()
        assert report.missing_sections() == tuple(s.key for s in report.sections)
        assert "introduction" in report.missing_sections()
        assert "conclusions" in report.missing_sections()

    def test_lists_active_organizations_by_name(self) -> None:
        assert [line.name for line in draft().organizations] == [
            "Stowarzyszenie Seniorów",
            "Fundacja Sportowa",
        ]


class TestCompleteSection:
    def test_writes_the_officers_text(self) -> None:
        report = draft().with_text("introduction", " Uchwała nr XII/1/24. ")
        (intro,) = [s for s in report.sections if s.key == "introduction"]
        assert intro.text == "Uchwała nr XII/1/24."
        assert "introduction" not in report.missing_sections()

    def test_refuses_an_unknown_section(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            draft().with_text("summary", "tekst")
        assert caught.value.errors[0].field == "section"
        assert caught.value.status == 422

    def test_refuses_an_empty_text(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            draft().with_text("introduction", "  ")
        assert caught.value.errors[0].field == "text"


class TestOverdue:
    def test_is_overdue_only_after_the_due_day(self) -> None:
        report = draft()
        assert not report.is_overdue(date(2026, 5, 31))
        assert report.is_overdue(date(2026, 6, 1))
