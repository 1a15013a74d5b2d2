"""The monitoring ledger: facts per municipality, year and organization, replay-safe."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.monitoring.figures import (
    OrganizationFigures,
    municipality_figures,
    organization_figures,
)
from services.consultations.domain.monitoring.inputs import (
    AnsweredComment,
    GrantedOffer,
    MonitoringInput,
    SubmittedComment,
    SubmittedReport,
)
from services.consultations.domain.monitoring.ledger import (
    ActivityFacts,
    FactsKey,
    ParticipationLedger,
    facts_key,
)

from .monitoring_inputs import TENANT, at, year_2025


def ledger_of(*batches: Sequence[MonitoringInput]) -> ParticipationLedger:
    ledger = ParticipationLedger()
    for batch in batches:
        for fact in batch:
            ledger.apply(fact)
    return ledger


def figures_of(
    ledger: ParticipationLedger, organization_id: str, year: int = 2025
) -> OrganizationFigures:
    (facts,) = [f for f in ledger.facts(TENANT, year) if f.key.organization_id == organization_id]
    return organization_figures(facts)


class TestApplyFacts:
    def test_files_facts_under_municipality_year_and_organization(self) -> None:
        fact = SubmittedComment("e1", TENANT, "cons-1", "c-1", "org-1", at(3))
        assert facts_key(fact) == FactsKey(TENANT, 2025, "org-1")

    def test_files_residents_comments_under_no_organization(self) -> None:
        fact = SubmittedComment("e1", TENANT, "cons-1", "c-1", None, at(3))
        assert facts_key(fact).organization_id is None

    def test_counts_the_year_in_polish_time(self) -> None:
        new_year = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)  # already 2025 in Warsaw
        assert facts_key(SubmittedComment("e1", TENANT, "c", "c-1", None, new_year)).year == 2025

    def test_counts_an_answer_in_the_year_of_its_comment(self) -> None:
        made, answered = datetime(2024, 12, 20, tzinfo=UTC), datetime(2025, 1, 8, tzinfo=UTC)
        fact = AnsweredComment("e1", TENANT, "c", "c-1", "org-1", Verdict.ACCEPTED, made, answered)
        assert facts_key(fact).year == 2024

    def test_refuses_a_fact_of_other_facts(self) -> None:
        facts = ActivityFacts(FactsKey(TENANT, 2025, "org-2"))
        with pytest.raises(ValueError, match="other facts"):
            facts.apply(SubmittedComment("e1", TENANT, "cons-1", "c-1", "org-1", at(3)))


class TestIdempotentReplay:
    def test_applying_an_event_again_reports_it_was_known(self) -> None:
        ledger = ParticipationLedger()
        fact = SubmittedComment("e1", TENANT, "cons-1", "c-1", "org-1", at(3))
        assert ledger.apply(fact) is True
        assert ledger.apply(fact) is False

    def test_replaying_every_event_leaves_the_figures_unchanged(self) -> None:
        once = municipality_figures(TENANT, 2025, ledger_of(year_2025()).facts(TENANT, 2025))
        twice = ledger_of(year_2025(), list(reversed(year_2025())))
        assert municipality_figures(TENANT, 2025, twice.facts(TENANT, 2025)) == once

    def test_the_same_fact_under_a_new_event_id_is_not_counted_twice(self) -> None:
        fact = SubmittedComment("e1", TENANT, "cons-1", "c-1", "org-1", at(3))
        ledger = ledger_of([fact, replace(fact, event_id="e1-redelivered")])
        assert figures_of(ledger, "org-1").comments == 1


class TestLatestWins:
    def test_a_later_answer_replaces_the_verdict_in_any_order(self) -> None:
        first = AnsweredComment("e1", TENANT, "c", "c-1", "org-1", Verdict.ACCEPTED, at(3), at(4))
        later = replace(first, event_id="e2", verdict=Verdict.REJECTED, occurred_at=at(5))
        for order in ([first, later], [later, first]):
            assert figures_of(ledger_of(order), "org-1").comments_accepted == 0

    def test_a_corrected_grant_replaces_the_amount(self) -> None:
        grant = GrantedOffer("e1", TENANT, "org-1", "of-1", Decimal(1000), at(2))
        corrected = replace(grant, event_id="e2", amount=Decimal(800), occurred_at=at(3))
        figures = figures_of(ledger_of([corrected, grant]), "org-1")
        assert (figures.offers_granted, figures.funds_granted) == (1, Decimal(800))

    def test_a_late_report_stays_late_when_corrected(self) -> None:
        late = SubmittedReport("e1", TENANT, "org-1", "r-1", False, at(3))
        fixed = replace(late, event_id="e2", on_time=True, occurred_at=at(4))
        figures = figures_of(ledger_of([fixed, late]), "org-1")
        assert (figures.reports_submitted, figures.reports_on_time) == (1, 0)


class TestLedgerQueries:
    def test_keeps_the_registered_names(self) -> None:
        names = ledger_of(year_2025()).names(TENANT)
        assert names == {"org-1": "Stowarzyszenie Seniorów", "org-2": "Fundacja Sportowa"}

    def test_rebuilds_from_stored_facts(self) -> None:
        stored = ledger_of(year_2025()).facts(TENANT, 2025)
        again = ParticipationLedger(stored)
        assert again.apply(year_2025()[0]) is False
