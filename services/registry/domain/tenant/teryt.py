"""TERYT codes of Polish territorial units (TERC register)."""

from __future__ import annotations

from shared.errors import InvalidInput

__all__ = ["VOIVODESHIPS", "validate_county", "validate_municipality", "validate_voivodeship"]

VOIVODESHIPS = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}  # fmt: skip
# Type digit of a gmina code: 1 urban, 2 rural, 3 urban-rural, 4-5 parts of an urban-rural one.
_MUNICIPALITY_TYPES = set("12345")


def _fail(field: str, pl: str, en: str) -> InvalidInput:
    return InvalidInput.for_field(field, pl, en, "teryt")


def validate_voivodeship(code: str, field: str = "region") -> str:
    """Return a 2-digit voivodeship code or raise naming `field`."""
    if code not in VOIVODESHIPS:
        raise _fail(field, "Nieznany kod województwa TERYT.", "Unknown voivodeship TERYT code.")
    return code


def validate_county(code: str, field: str = "id") -> str:
    """Return a 4-digit county (powiat) code: voivodeship + county."""
    if len(code) != 4 or not code.isdigit():
        raise _fail(field, "Kod TERYT powiatu ma 4 cyfry.", "A county TERYT code has 4 digits.")
    validate_voivodeship(code[:2], field)
    if code[2:] == "00":
        raise _fail(field, "Kod powiatu nie może być 00.", "County part cannot be 00.")
    return code


def validate_municipality(code: str, field: str = "id") -> str:
    """Return a 7-digit gmina code: voivodeship, county, gmina and type digit."""
    if len(code) != 7 or not code.isdigit():
        raise _fail(field, "Kod TERYT gminy ma 7 cyfr.", "A municipality TERYT code has 7 digits.")
    validate_county(code[:4], field)
    if code[4:6] == "00" or code[6] not in _MUNICIPALITY_TYPES:
        raise _fail(
            field,
            "Kod gminy lub jej rodzaju jest nieprawidłowy.",
            "The municipality or its type digit is not valid.",
        )
    return code
