"""Generated organizations for the registry benchmarks: CSV rows and the documents they become."""

from __future__ import annotations

import copy
import csv
import io
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from stdnum.pl import nip

from services.registry.services.import_rows import IMPORT_COLUMNS

__all__ = [
    "COLUMNS",
    "MUNICIPALITIES",
    "csv_bytes",
    "document_from_row",
    "generate_rows",
    "valid_nip",
]

Row = dict[str, str]
Document = dict[str, Any]

# Real gmina TERYT codes (the import checks them): Wrocław, Kraków, Poznań.
MUNICIPALITIES = {"0264011": "Wrocław", "1261011": "Kraków", "3064011": "Poznań"}
COLUMNS = (
    "name", "short_name", "legal_form", "nip", "public_benefit_status", "street", "postal_code",
    "city", "municipality_teryt", "public_email", "public_phone", "website",
    "public_benefit_areas", "scope", "description", "needs_assessment",
)  # fmt: skip
assert set(COLUMNS) <= set(IMPORT_COLUMNS), "the registry renamed an import column"

_FORMS = (
    ("foundation", "Fundacja"),
    ("association", "Stowarzyszenie"),
    ("association", "Towarzystwo"),
    ("ordinary_association", "Stowarzyszenie Zwykłe"),
    ("sports_club", "Klub Sportowy"),
    ("social_cooperative", "Spółdzielnia Socjalna"),
)
_ADJECTIVES = (
    "Zielona", "Otwarta", "Wspólna", "Srebrna", "Miejska", "Dolna", "Nowa", "Sąsiedzka",
    "Młoda", "Twórcza", "Dobra", "Jasna", "Wolna", "Rodzinna", "Pomocna", "Sportowa",
)  # fmt: skip
_NOUNS = (
    "Przystań", "Dolina", "Kuźnia", "Pracownia", "Inicjatywa", "Akademia", "Przestrzeń",
    "Ostoja", "Brama", "Iskra", "Fala", "Sieć", "Wyspa", "Szansa", "Droga", "Ścieżka",
)  # fmt: skip
_AREAS = (
    "social_assistance", "seniors", "culture_heritage", "physical_culture_sport",
    "education_science", "children_youth_recreation", "ecology_animal_protection", "health",
    "persons_with_disabilities", "local_communities", "volunteering", "tourism",
)  # fmt: skip
_STREETS = ("Ogrodowa", "Polna", "Leśna", "Słoneczna", "Krótka", "Szkolna", "Kościuszki")
_SCOPES = ("local", "local", "county", "regional", "national")
_WORDS = (
    "wspieramy", "seniorów", "dzieci", "młodzież", "rodziny", "osoby", "z", "niepełnosprawnościami",
    "prowadzimy", "zajęcia", "sportowe", "warsztaty", "kulturalne", "świetlicę", "dla",
    "mieszkańców", "organizujemy", "wolontariat", "pomoc", "sąsiedzką", "edukację", "ekologiczną",
    "chronimy", "zwierzęta", "zabytki", "lokalne", "tradycje", "festyny", "turnieje", "koncerty",
    "opiekę", "wytchnieniową", "poradnictwo", "prawne", "integrację", "społeczną", "gminy",
)  # fmt: skip


def valid_nip(serial: int) -> str | None:
    """Return a NIP with a correct check digit built from `serial`, or None if none exists."""
    nine = f"{100_000_000 + serial % 900_000_000:09d}"
    digit = nip.checksum(nine + "0")  # the check digit's weight is -1, so this is the digit
    if digit == 10:
        return None  # no valid check digit for these nine digits
    number = f"{nine}{digit}"
    assert nip.is_valid(number)
    return number


def generate_rows(prefix: str, count: int, nip_base: int) -> Iterator[Row]:
    """Yield `count` CSV rows with unique names; 3 in 5 carry a NIP unique to `nip_base`."""
    codes = list(MUNICIPALITIES)
    for index in range(count):
        form, form_name = _FORMS[index % len(_FORMS)]
        adjective = _ADJECTIVES[(index // 7) % len(_ADJECTIVES)]
        noun = _NOUNS[(index // 3) % len(_NOUNS)]
        code = codes[index % len(codes)]
        # Spread independently of the municipality (index % 3) and the form (index % 6).
        areas = [_AREAS[(index // 3 + k * 5) % len(_AREAS)] for k in range(1 + (index // 2) % 3)]
        words = random.Random(index).choices(_WORDS, k=12 + index % 15)  # same text every run
        number = valid_nip(nip_base + index) if index % 5 < 3 else None
        slug = f"{prefix}-{index}".lower()
        yield {
            "name": f"{form_name} {adjective} {noun} {prefix}-{index:06d}",
            "short_name": f"{noun} {index}" if index % 4 == 0 else "",
            "legal_form": form,
            "nip": number or "",
            "public_benefit_status": "tak" if index % 3 == 0 else "nie",
            "street": f"ul. {_STREETS[index % len(_STREETS)]} {1 + index % 120}",
            "postal_code": f"{30 + index % 60:02d}-{index % 1000:03d}",
            "city": MUNICIPALITIES[code],
            "municipality_teryt": code,
            "public_email": f"kontakt@{slug}.org.pl" if index % 2 == 0 else "",
            "public_phone": f"+48 71 {index % 1000:03d} {index % 100:02d} {index % 97:02d}",
            "website": f"https://{slug}.org.pl" if index % 3 != 1 else "",
            "public_benefit_areas": ";".join(areas),
            "scope": _SCOPES[index % len(_SCOPES)],
            "description": " ".join(words).capitalize() + ".",
            "needs_assessment": "Potrzebuje lokalu na zajęcia." if index % 6 == 0 else "",
        }


def csv_bytes(rows: Iterator[Row]) -> bytes:
    """Return rows as a semicolon-separated UTF-8 CSV with a header."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode()


def document_from_row(template: Document, row: Row, tenant_id: str) -> Document:
    """Return the registry's stored organization `template` re-filled with one row's values."""
    document = copy.deepcopy(template)
    organization_id = str(uuid.uuid4())
    now = datetime.now(UTC)
    name = row["name"]
    profile: Document = document.setdefault("profile", {})
    profile.update(
        name=name,
        short_name=row["short_name"] or None,
        legal_form=row["legal_form"],
        nip=row["nip"] or None,
        public_benefit_status=row["public_benefit_status"] == "tak",
        address={
            "street": row["street"],
            "postal_code": row["postal_code"],
            "city": row["city"],
            "municipality_teryt": row["municipality_teryt"],
        },
        public_email=row["public_email"] or None,
        public_phone=row["public_phone"] or None,
        website=row["website"] or None,
        public_benefit_areas=row["public_benefit_areas"].split(";"),
        scope=row["scope"],
        description=row["description"],
    )
    search = " ".join(p for p in (name, row["short_name"], row["description"]) if p).lower()
    document.update(
        _id=organization_id,
        tenant_id=tenant_id,
        listed_in=[tenant_id],
        local_lists={
            tenant_id: {
                "municipality_id": tenant_id,
                "needs_assessment": row["needs_assessment"] or None,
                "listed_by": f"bench-officer-{tenant_id}",
                "listed_at": now,
            }
        },
        registered_at=now,
        updated_at=now,
        name_key=f"{name.lower()}\x00{organization_id}",
        recent_key=f"{now.isoformat()}\x00{organization_id}",
        search=search,
        name_lc=name.lower(),
        nip=row["nip"] or None,
        municipality_teryt=row["municipality_teryt"],
    )
    return document
