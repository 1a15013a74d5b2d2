"""How dates, amounts and areas read in Polish and English notices."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from shared.errors import Text
from shared.public_benefit import AREA_LABELS, PublicBenefitArea

__all__ = ["Wording", "area_label", "item_id"]

_ITEMS = uuid.UUID("6f1c1f0e-5a4b-4a57-9a55-2b8f0b7d9c11")


def item_id(notice_key: str, tenant_id: str) -> str:
    """Return the URL-safe id of a notice's inbox item in one tenant."""
    return str(uuid.uuid5(_ITEMS, f"{notice_key}@{tenant_id}"))


def area_label(area: str) -> Text:
    """Return the name of a public benefit area (its id if unknown)."""
    try:
        pl, en = AREA_LABELS[PublicBenefitArea(area)]
    except (ValueError, KeyError):
        return Text(area, area)
    return Text(pl, en)


@dataclass(frozen=True)
class Wording:
    """Formats moments and amounts in the municipality's time zone."""

    zone: ZoneInfo

    def moment(self, when: datetime) -> Text:
        """Return a date and time, e.g. 15.12.2026, 12:00 / 15 Dec 2026, 12:00."""
        local = when.astimezone(self.zone)
        return Text(local.strftime("%d.%m.%Y, %H:%M"), local.strftime("%d %b %Y, %H:%M"))

    def day(self, when: date | datetime) -> Text:
        """Return a date, e.g. 15.12.2026 / 15 Dec 2026."""
        local = when.astimezone(self.zone).date() if isinstance(when, datetime) else when
        return Text(local.strftime("%d.%m.%Y"), local.strftime("%d %b %Y"))

    @staticmethod
    def money(amount: Decimal) -> Text:
        """Return an amount in PLN, e.g. 150 000,00 zł / PLN 150,000.00."""
        english = f"{amount:,.2f}"
        polish = english.replace(",", " ").replace(".", ",")
        return Text(f"{polish} zł", f"PLN {english}")
