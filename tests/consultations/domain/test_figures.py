"""Yearly participation figures per organization and municipality."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.consultations.domain.monitoring.figures import (
    MunicipalityFigures,
    municipality_figures,
    organization_figures,
)
from services.consultations.domain.monitoring.ledger import (
    ActivityFacts,
    FactsKey,
    ParticipationLedger,
)

from .monitoring_inputs import TENANT, year_2025


def figures_2025() -> MunicipalityFigures:
    ledger = ParticipationLedger()
    for fact in year_2025():
        ledger.apply(fact)
    return municipality_figures(TENANT, 2025, ledger.facts(TENANT, 2025))


class TestOrganizationFigures:
    def test_count_what_each_organization_did(self) -> None:
        first, second = figures_2025().organizations
        assert (first.organization_id, first.consultations, first.comments) == ("org-1", 1, 2)
        assert (first.comments_accepted, first.comments_partly_accepted) == (1, 1)
        assert (first.offers_submitted, first.offers_granted) == (1, 1)
        assert first.funds_granted == Decimal("12000.00")
        assert (first.reports_submitted, first.reports_on_time) == (1, 1)
        assert (second.consultations, second.survey_responses, second.comments) == (1, 1, 0)
        assert (second.offers_submitted, second.offers_granted) == (2, 1)
        assert (second.reports_submitted, second.reports_on_time) == (1, 0)

    def test_need_an_organization(self) -> None:
        with pytest.raises(ValueError, match="no organization"):
            organization_figures(ActivityFacts(FactsKey(TENANT, 2025, None)))


class TestMunicipalityFigures:
    def test_sum_the_organizations_and_count_everyone_s_comments(self) -> None:
        figures = figures_2025()
        assert (figures.organizations_registered, figures.active_organizations) == (2, 2)
        assert (figures.consultations_held, figures.consultations_with_organizations) == (2, 2)
        assert (figures.comments, figures.comments_by_organizations) == (3, 2)
        assert (figures.comments_accepted, figures.comments_partly_accepted) == (2, 1)
        assert (figures.offers_submitted, figures.offers_granted) == (3, 2)
        assert figures.funds_granted == Decimal("20500.50")
        assert (figures.reports_submitted, figures.reports_on_time) == (2, 1)

    def test_are_empty_for_a_quiet_year(self) -> None:
        figures = municipality_figures(TENANT, 2030, [])
        assert (figures.comments, figures.funds_granted, figures.organizations) == (
            0,
            Decimal(0),
            (),
        )

    def test_ignore_other_municipalities_and_years(self) -> None:
        ledger = ParticipationLedger()
        for fact in year_2025():
            ledger.apply(fact)
        assert municipality_figures("other", 2025, ledger.facts(TENANT, 2025)).comments == 0
