"""The Polish catalog translates every text of the templates, with Polish plural forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from services.portal.api.rendering.i18n import Formatter, translations

PORTAL = Path(__file__).resolve().parents[3] / "services" / "portal"
_GETTEXT = re.compile(r"""\b_\(\s*(["'])(.+?)\1\s*\)""")
_NGETTEXT = re.compile(r"""ngettext\(\s*"([^"]+)",\s*"([^"]+)\"""")


def _template_texts() -> set[str]:
    found: set[str] = set()
    for template in (PORTAL / "templates").glob("*.html"):
        text = template.read_text()
        found.update(m.group(2) for m in _GETTEXT.finditer(text))
        found.update(m.group(1) for m in _NGETTEXT.finditer(text))
    return found


def test_every_template_text_has_a_polish_translation() -> None:
    with (PORTAL / "locale" / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="pl")

    missing = sorted(t for t in _template_texts() if not (catalog.get(t) and catalog[t].string))

    assert not missing


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 punkt"), (3, "3 punkty"), (5, "5 punktów"), (22, "22 punkty"), (12, "12 punktów")],
)
def test_polish_plurals(count: int, expected: str) -> None:
    text = translations("pl").ngettext("%(num)d point", "%(num)d points", count)

    assert text % {"num": count} == expected


def test_amounts_and_dates_as_poles_write_them() -> None:
    polish = Formatter("pl")

    assert polish.money("12500.5") == "12\u00a0500,50\u00a0zł"
    assert polish.date("2026-11-26") == "26 listopada 2026"
    assert polish.datetime("2026-06-30T22:00:00Z") == "1 lipca 2026, 00:00"  # Warsaw summer time
