"""The index catalogue: six areas, concrete indicators, one scale."""

from __future__ import annotations

from services.consultations.domain.index.catalogue import (
    AREA_LABELS,
    INDICATORS,
    Area,
    indicator,
    indicators_in,
)
from services.consultations.domain.index.scale import SCALE, SCALE_MAX, SCALE_MIN, is_on_scale


class TestCatalogue:
    def test_has_the_six_areas_each_with_a_handful_of_indicators(self) -> None:
        assert len(Area) == 6
        assert set(AREA_LABELS) == set(Area)
        assert all(4 <= len(indicators_in(area)) <= 6 for area in Area)

    def test_codes_are_unique_and_found_by_code(self) -> None:
        codes = [i.code for i in INDICATORS]
        assert len(codes) == len(set(codes))
        assert indicator(codes[0]) is INDICATORS[0]
        assert indicator("made.up") is None

    def test_every_indicator_speaks_polish_and_english(self) -> None:
        assert all(i.text.pl and i.text.en for i in INDICATORS)


class TestScale:
    def test_runs_from_zero_to_four_with_a_label_per_step(self) -> None:
        assert (SCALE_MIN, SCALE_MAX) == (0, 4)
        assert sorted(SCALE) == list(range(SCALE_MIN, SCALE_MAX + 1))

    def test_knows_what_is_on_it(self) -> None:
        assert is_on_scale(0) and is_on_scale(4)
        assert not is_on_scale(5) and not is_on_scale(-1) and not is_on_scale(True)
