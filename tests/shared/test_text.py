"""Text input types refuse control characters; renderers' helpers make any stored text safe."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from shared.csv_safety import safe_cell, safe_row
from shared.text import Line, Paragraph, printable, single_line


class _Body(BaseModel):
    name: Line
    description: Paragraph = ""


class TestLine:
    @pytest.mark.parametrize("bad", ["A\x00B", "bell\x07", "esc\x1b[31m", "two\nlines", "tab\tx"])
    def test_refuses_control_characters(self, bad: str) -> None:
        with pytest.raises(ValidationError) as raised:
            _Body(name=bad)
        assert raised.value.errors()[0]["type"] == "control_characters"
        assert raised.value.errors()[0]["loc"] == ("name",)

    def test_accepts_polish_text(self) -> None:
        assert _Body(name="Fundacja „Żółć” – Łódź").name == "Fundacja „Żółć” – Łódź"


class TestParagraph:
    def test_keeps_tabs_and_line_breaks(self) -> None:
        assert _Body(name="x", description="a\tb\r\nc").description == "a\tb\r\nc"

    @pytest.mark.parametrize("bad", ["a\x00", "a\x0b", "a\x7f", "a\x85"])
    def test_refuses_other_controls(self, bad: str) -> None:
        with pytest.raises(ValidationError):
            _Body(name="x", description=bad)


class TestRenderHelpers:
    def test_printable_drops_what_xml_cannot_carry(self) -> None:
        assert printable("A\x00B\x07C\nD") == "ABC\nD"

    def test_single_line_folds_breaks_for_headers(self) -> None:
        assert single_line("Oferta\r\nBcc: x@example.org") == "Oferta Bcc: x@example.org"


class TestCsvCells:
    @pytest.mark.parametrize("formula", ["=1+1", "+48 123", "-2+3", "@SUM(A1)", "\tx", "\rx"])
    def test_neutralises_formula_starts(self, formula: str) -> None:
        assert safe_cell(formula).startswith("'")

    def test_leaves_other_cells_and_numbers(self) -> None:
        assert safe_row(["Fundacja", 12, None, "a=b"]) == ["Fundacja", 12, None, "a=b"]
