"""Polish registry identifiers (KRS, NIP, REGON), checked by python-stdnum."""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.pl import nip, regon

from shared.errors import InvalidInput

__all__ = ["normalize_krs", "normalize_nip", "normalize_regon"]


def normalize_krs(value: str, field: str = "krs") -> str:
    """Return the 10-digit KRS number or raise InvalidInput naming `field`."""
    digits = value.replace(" ", "").replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        raise InvalidInput.for_field(
            field, "Numer KRS ma 10 cyfr.", "A KRS number has 10 digits.", "krs-format"
        )
    return digits


def normalize_nip(value: str, field: str = "nip") -> str:
    """Return the 10-digit NIP with a valid check digit or raise InvalidInput."""
    try:
        return str(nip.validate(value))
    except stdnum_errors.InvalidChecksum as error:
        raise InvalidInput.for_field(
            field, "Błędna cyfra kontrolna NIP.", "NIP check digit is wrong.", "nip-checksum"
        ) from error
    except stdnum_errors.ValidationError as error:
        raise InvalidInput.for_field(
            field, "NIP ma 10 cyfr.", "A NIP has 10 digits.", "nip-format"
        ) from error


def normalize_regon(value: str, field: str = "regon") -> str:
    """Return the 9- or 14-digit REGON with a valid check digit or raise InvalidInput."""
    try:
        return str(regon.validate(value))
    except stdnum_errors.InvalidChecksum as error:
        raise InvalidInput.for_field(
            field, "Błędna cyfra kontrolna REGON.", "REGON check digit is wrong.", "regon-checksum"
        ) from error
    except stdnum_errors.ValidationError as error:
        raise InvalidInput.for_field(
            field, "REGON ma 9 lub 14 cyfr.", "A REGON has 9 or 14 digits.", "regon-format"
        ) from error
