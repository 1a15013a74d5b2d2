"""Polish by default, English on request: Babel catalogs, dates and PLN amounts per locale."""

from __future__ import annotations

import gettext
import io
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

__all__ = ["LANGUAGES", "Formatter", "translations"]

LANGUAGES = ("pl", "en")
_LOCALE_DIR = Path(__file__).parents[2] / "locale"  # services/portal/locale: package data
_WARSAW = ZoneInfo("Europe/Warsaw")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """Return the catalog of a language; English is the source language of the msgids."""
    po = _LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if language == "en" or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    # Compiled in memory at start: no .mo file to commit or to forget to rebuild.
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Formatter:
    """Formats dates, times and amounts the way a reader of one language expects."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._locale = "pl_PL" if language == "pl" else "en_GB"

    def money(self, amount: object) -> str:
        """Return an amount in PLN, e.g. 12 500,00 zł."""
        try:
            value = Decimal(str(amount))
        except (InvalidOperation, ValueError):
            return str(amount)
        return format_currency(value, "PLN", locale=self._locale)

    def number(self, value: object) -> str:
        """Return a number with the locale's grouping."""
        try:
            return format_decimal(Decimal(str(value)), locale=self._locale)
        except (InvalidOperation, ValueError):
            return str(value)

    def date(self, value: object) -> str:
        """Return a date such as 26 listopada 2026."""
        parsed = _parse(value)
        if parsed is None:
            return str(value or "")
        if isinstance(parsed, datetime):
            parsed = parsed.astimezone(_WARSAW).date()
        return format_date(parsed, format="long", locale=self._locale)

    def datetime(self, value: object) -> str:
        """Return a moment in Polish time, e.g. 26 listopada 2026, 14:30."""
        parsed = _parse(value)
        if not isinstance(parsed, datetime):
            return self.date(value)
        return format_datetime(
            parsed.astimezone(_WARSAW), format="d MMMM y, HH:mm", locale=self._locale
        )


def _parse(value: object) -> date | datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        if "T" in value:
            return _parse(datetime.fromisoformat(value.replace("Z", "+00:00")))
        return date.fromisoformat(value)
    except ValueError:
        return None
