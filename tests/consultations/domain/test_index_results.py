"""Computing a round's result: raters, indicators, areas, groups."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.consultations.domain.index.catalogue import Area, indicators_in
from services.consultations.domain.index.results import (
    Group,
    RoundResult,
    Scorecard,
    compute_result,
)

NOW = datetime(2025, 3, 10, tzinfo=UTC)
FIRST, SECOND = (i.code for i in indicators_in(Area.FINANCIAL_COOPERATION)[:2])


def result_of(*cards: Scorecard) -> RoundResult:
    return compute_result(
        round_id="r-1", tenant_id="t-1", assessed_on=date(2025, 3, 10), scorecards=cards
    )


class TestComputeResult:
    def test_averages_the_raters_of_a_group(self) -> None:
        result = result_of(
            Scorecard(Group.OFFICERS, "o-1", {FIRST: 4}, NOW),
            Scorecard(Group.OFFICERS, "o-2", {FIRST: 1}, NOW),
        )
        assert result.indicators[FIRST].officers == 2.5
        assert result.raters == {Group.OFFICERS: 2, Group.NGOS: 0}

    def test_averages_the_scored_indicators_of_an_area(self) -> None:
        result = result_of(Scorecard(Group.NGOS, "n-1", {FIRST: 4, SECOND: 1}, NOW))
        assert result.areas[Area.FINANCIAL_COOPERATION].ngos == 2.5

    def test_weighs_both_groups_equally_whatever_their_size(self) -> None:
        result = result_of(
            Scorecard(Group.OFFICERS, "o-1", {FIRST: 4}, NOW),
            *(Scorecard(Group.NGOS, f"n-{n}", {FIRST: 0}, NOW) for n in range(5)),
        )
        assert result.areas[Area.FINANCIAL_COOPERATION].combined == 2.0

    def test_combines_only_when_both_groups_scored(self) -> None:
        result = result_of(Scorecard(Group.OFFICERS, "o-1", {FIRST: 4}, NOW))
        scores = result.areas[Area.FINANCIAL_COOPERATION]
        assert (scores.officers, scores.ngos, scores.combined) == (4.0, None, None)

    def test_leaves_unscored_areas_empty(self) -> None:
        result = result_of(Scorecard(Group.OFFICERS, "o-1", {FIRST: 4}, NOW))
        assert result.areas[Area.SECTOR_INTEGRATION].officers is None

    def test_overall_is_the_mean_of_scored_areas(self) -> None:
        other = indicators_in(Area.MUTUAL_INFORMATION)[0].code
        result = result_of(
            Scorecard(Group.OFFICERS, "o-1", {FIRST: 4, SECOND: 2, other: 1}, NOW),
            Scorecard(Group.NGOS, "n-1", {FIRST: 1}, NOW),
        )
        assert result.overall.officers == 2.0  # areas 3.0 and 1.0
        assert result.overall.ngos == 1.0
        assert result.overall.combined == 1.5

    def test_shows_the_gap_between_the_groups(self) -> None:
        result = result_of(
            Scorecard(Group.OFFICERS, "o-1", {FIRST: 4}, NOW),
            Scorecard(Group.NGOS, "n-1", {FIRST: 1}, NOW),
        )
        assert result.areas[Area.FINANCIAL_COOPERATION].gap == 3.0
        assert result.areas[Area.SECTOR_INTEGRATION].gap is None

    def test_rounds_to_two_places(self) -> None:
        result = result_of(
            *(Scorecard(Group.NGOS, f"n-{n}", {FIRST: s}, NOW) for n, s in enumerate((1, 1, 2)))
        )
        assert result.indicators[FIRST].ngos == 1.33
