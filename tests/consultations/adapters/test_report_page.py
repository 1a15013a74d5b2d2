"""The readable page of a published report: Polish, escaped, no person named."""

from __future__ import annotations

from services.consultations.adapters.rendering import ReportPage, render_report_page
from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.consultation.report import ConsultationReport, publish_report
from tests.consultations.domain.factories import (
    AFTER,
    OFFICER,
    answer,
    comment_on,
    make_open,
    ngo,
    resident,
)


def published() -> ConsultationReport:
    consultation = make_open()
    by_ngo = comment_on(consultation, ngo("org-1"))
    by_resident = comment_on(
        consultation, resident("jan.kowalski"), proposed_wording="<script>alert(1)</script>"
    )
    consultation.close_if_due(AFTER)
    answer(by_ngo, consultation, Verdict.PARTLY_ACCEPTED)
    answer(by_resident, consultation, Verdict.REJECTED)
    return publish_report(consultation, [by_ngo, by_resident], [], published_by=OFFICER, now=AFTER)


class TestReportPage:
    def test_names_organizations_never_residents_and_escapes_what_people_wrote(self) -> None:
        page = render_report_page(
            ReportPage(published(), "Gmina Testowo", {"org-1": "Stowarzyszenie Seniorów"})
        )

        assert page.startswith("<!DOCTYPE html>")
        assert '<html lang="pl">' in page
        assert "Stowarzyszenie Seniorów" in page
        assert "mieszkaniec lub mieszkanka" in page
        assert "jan.kowalski" not in page
        assert "<script>" not in page
        assert "&lt;script&gt;" in page
        assert "uwzględniona częściowo" in page
        assert "nieuwzględniona" in page
