"""Factories of valid request bodies and identifiers; events are in `tests.support.producers`."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from stdnum.pl import nip as nip_number
from stdnum.pl import regon as regon_number

__all__ = [
    "KRS",
    "NIP",
    "REGON",
    "organization_payload",
    "unique_krs",
    "unique_nip",
    "unique_regon",
]

# Real identifiers of one Polish foundation: valid check digits, public registry data.
# KRS and NIP are unique across the platform: register these at most once per database.
KRS, REGON, NIP = "0000563248", "362013752", "8621642207"
_names = itertools.count(1)
_serials = itertools.count(1)


def unique_nip() -> str:
    """Return a NIP with a valid check digit that no other call of this session returns."""
    return _with_check_digit("{:09d}", 5_000_000, nip_number.is_valid)


def unique_regon() -> str:
    """Return a 9-digit REGON with a valid check digit that no other call returns."""
    return _with_check_digit("{:08d}", 30_000_000, regon_number.is_valid)


def _with_check_digit(layout: str, offset: int, is_valid: Callable[[str], bool]) -> str:
    # Some bodies have no valid check digit (a NIP's weighted sum of 10): take the next one.
    while True:
        body = layout.format(offset + next(_serials))
        for digit in "0123456789":
            if is_valid(body + digit):
                return body + digit


def unique_krs() -> str:
    """Return a KRS number that no other call of this session returns."""
    return f"{8_000_000 + next(_serials):010d}"


def organization_payload(**overrides: Any) -> dict[str, Any]:
    """Return a valid body for registering an organization; an override of `...` drops a field."""
    payload: dict[str, Any] = {
        "name": f"Fundacja Testowa nr {next(_names)}",
        "legal_form": "foundation",
        "krs": unique_krs(),
        "nip": unique_nip(),
    }
    payload.update(overrides)
    return {name: value for name, value in payload.items() if value is not ...}
