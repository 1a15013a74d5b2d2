"""Comparing rounds of a municipality, and a support centre's members round by round."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.consultations.domain.index.catalogue import Area, indicators_in
from services.consultations.domain.index.comparison import (
    CentreComparison,
    compare_municipalities,
    compare_rounds,
)
from services.consultations.domain.index.results import (
    Group,
    RoundResult,
    Scorecard,
    compute_result,
)
from shared.errors import InvalidInput

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CONSULTING = indicators_in(Area.SOCIAL_CONSULTATIONS)[0].code
FUNDING = indicators_in(Area.FINANCIAL_COOPERATION)[0].code


def round_of(
    tenant: str, round_id: str, on: date, officers: dict[str, int], ngos: dict[str, int]
) -> RoundResult:
    cards = [Scorecard(Group.OFFICERS, "o", officers, NOW), Scorecard(Group.NGOS, "n", ngos, NOW)]
    return compute_result(round_id=round_id, tenant_id=tenant, assessed_on=on, scorecards=cards)


FIRST = round_of("A", "a-1", date(2024, 3, 1), {CONSULTING: 1, FUNDING: 2}, {CONSULTING: 0})
SECOND = round_of("A", "a-2", date(2025, 3, 1), {CONSULTING: 3, FUNDING: 2}, {CONSULTING: 2})


class TestCompareRounds:
    def test_gives_the_change_per_area(self) -> None:
        comparison = compare_rounds(FIRST, SECOND)
        change = comparison.areas[Area.SOCIAL_CONSULTATIONS]
        assert (change.officers, change.ngos, change.combined) == (2.0, 2.0, 2.0)
        assert comparison.areas[Area.FINANCIAL_COOPERATION].officers == 0.0

    def test_leaves_an_area_scored_only_once_without_change(self) -> None:
        change = compare_rounds(FIRST, SECOND).areas[Area.FINANCIAL_COOPERATION]
        assert (change.ngos, change.combined) == (None, None)

    def test_gives_the_overall_change(self) -> None:
        overall = compare_rounds(FIRST, SECOND).overall
        assert (overall.officers, overall.ngos) == (1.0, 2.0)

    def test_puts_the_rounds_in_time_order(self) -> None:
        comparison = compare_rounds(SECOND, FIRST)
        assert (comparison.earlier_round_id, comparison.later_round_id) == ("a-1", "a-2")
        assert comparison.areas[Area.SOCIAL_CONSULTATIONS].combined == 2.0

    def test_refuses_rounds_of_two_municipalities(self) -> None:
        other = round_of("B", "b-1", date(2025, 3, 1), {CONSULTING: 1}, {CONSULTING: 1})
        with pytest.raises(InvalidInput) as caught:
            compare_rounds(FIRST, other)
        assert caught.value.errors[0].field == "compare_with"
        assert caught.value.status == 422


class TestCompareMunicipalities:
    B_FIRST = round_of("B", "b-1", date(2024, 5, 1), {CONSULTING: 4}, {CONSULTING: 4})
    OUTSIDER = round_of("Z", "z-1", date(2024, 5, 1), {CONSULTING: 0}, {CONSULTING: 0})

    def compared(self) -> CentreComparison:
        results = [SECOND, self.OUTSIDER, self.B_FIRST, FIRST]
        return compare_municipalities(results, members={"A", "B", "C"})

    def test_lines_up_each_members_rounds_in_order(self) -> None:
        tracks = {t.tenant_id: t for t in self.compared().municipalities}
        assert [r.round_id for r in tracks["A"].rounds] == ["a-1", "a-2"]
        assert [r.round_id for r in tracks["B"].rounds] == ["b-1"]

    def test_leaves_out_municipalities_outside_the_centre(self) -> None:
        assert [t.tenant_id for t in self.compared().municipalities] == ["A", "B", "C"]

    def test_shows_a_member_that_has_not_assessed_yet(self) -> None:
        track = self.compared().municipalities[2]
        assert (track.rounds, track.progress) == ((), None)

    def test_gives_progress_since_the_first_diagnosis(self) -> None:
        tracks = self.compared().municipalities
        assert tracks[0].progress is not None
        assert tracks[0].progress.areas[Area.SOCIAL_CONSULTATIONS].combined == 2.0
        assert tracks[1].progress is None

    def test_averages_the_members_round_by_round(self) -> None:
        first, second = self.compared().averages
        # First rounds: A 0.5 and B 4.0 in consultations; only A had a second round.
        assert (first.ordinal, first.municipalities) == (1, 2)
        assert first.areas[Area.SOCIAL_CONSULTATIONS] == 2.25
        assert (second.municipalities, second.areas[Area.SOCIAL_CONSULTATIONS]) == (1, 2.5)
