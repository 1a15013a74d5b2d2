"""The ProgrammeReport aggregate: assembled from figures, completed section by section."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.consultations.domain.monitoring.figures import (
    MunicipalityFigures,
    municipality_figures,
)
from services.consultations.domain.monitoring.inputs import SubmittedOffer
from services.consultations.domain.monitoring.ledger import ParticipationLedger
from services.consultations.domain.monitoring.programme_report import (
    ProgrammeReport,
    assemble_report,
)
from shared.contracts.consultations import AnnualReportAssembled, AnnualReportSectionWritten
from shared.errors import InvalidInput

from .monitoring_inputs import TENANT, at, year_2025

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def figures(*extra: SubmittedOffer) -> tuple[MunicipalityFigures, dict[str, str]]:
    ledger = ParticipationLedger()
    for fact in [*year_2025(), *extra]:
        ledger.apply(fact)
    return municipality_figures(TENANT, 2025, ledger.facts(TENANT, 2025)), ledger.names(TENANT)


def assembled() -> ProgrammeReport:
    found, names = figures()
    return assemble_report(found, names=names, assembled_by="officer-1", now=NOW)


class TestAssemble:
    def test_is_one_report_a_year_and_announces_what_is_missing(self) -> None:
        report = assembled()
        assert report.id == f"{TENANT}-2025"
        (event,) = report.events
        assert isinstance(event, AnnualReportAssembled)
        assert event.due_on.isoformat() == "2026-05-31"
        assert "introduction" in event.missing_sections
        assert event.active_organizations == 2


class TestWrite:
    def test_keeps_the_text_and_announces_the_section(self) -> None:
        report = assembled()
        report.events.clear()
        report.write("introduction", "  Uchwała nr X.  ", written_by="officer-1", now=NOW)
        assert report.texts == {"introduction": "Uchwała nr X."}
        assert report.draft.sections[0].text == "Uchwała nr X."
        (event,) = report.events
        assert isinstance(event, AnnualReportSectionWritten)
        assert "introduction" not in event.missing_sections

    def test_refuses_an_unknown_section_or_an_empty_text(self) -> None:
        report = assembled()
        with pytest.raises(InvalidInput) as unknown:
            report.write("budget", "X", written_by="officer-1", now=NOW)
        with pytest.raises(InvalidInput) as empty:
            report.write("evaluation", " ", written_by="officer-1", now=NOW)
        assert unknown.value.errors[0].field == "section"
        assert empty.value.errors[0].field == "text"
        assert report.texts == {}


class TestReassemble:
    def test_takes_new_figures_and_keeps_the_written_sections(self) -> None:
        report = assembled()
        report.write("conclusions", "Więcej konkursów.", written_by="officer-1", now=NOW)
        later, names = figures(SubmittedOffer("e99", TENANT, "org-1", "of-9", at(6)))

        report.reassemble(later, names=names, assembled_by="officer-2", now=NOW)

        assert report.figures.offers_submitted == 4
        assert report.texts == {"conclusions": "Więcej konkursów."}
        assert isinstance(report.events[-1], AnnualReportAssembled)

    def test_refuses_figures_of_another_year(self) -> None:
        report = assembled()
        other = municipality_figures(TENANT, 2024, [])
        with pytest.raises(ValueError, match="another municipality or year"):
            report.reassemble(other, names={}, assembled_by="officer-1", now=NOW)
