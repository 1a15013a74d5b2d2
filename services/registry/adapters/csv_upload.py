"""Reading an uploaded CSV safely: its encoding, its columns, its size, each row's number."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator, Sequence
from email.message import Message
from typing import IO

from shared.errors import DomainError, InvalidInput, Text

__all__ = [
    "ENCODINGS",
    "TooManyRows",
    "UnsupportedEncoding",
    "csv_encoding",
    "csv_reader",
    "numbered_rows",
    "undecodable",
]

# Polish offices export UTF-8 (often with a BOM) or Windows-1250; those two are accepted.
ENCODINGS = {"utf-8": "utf-8-sig", "windows-1250": "cp1250"}


class UnsupportedEncoding(DomainError):
    """The upload declares a character set the import does not read."""

    status = 415
    code = "unsupported-encoding"
    title = Text("Nieobsługiwane kodowanie", "Unsupported encoding")


class TooManyRows(DomainError):
    """The upload has more rows than one import takes."""

    status = 413
    code = "too-many-rows"
    title = Text("Za duży plik", "File too large")


def csv_encoding(content_type: str | None) -> str:
    """Return the codec for the upload's declared charset (UTF-8 when none), or raise 415."""
    message = Message()
    message["content-type"] = content_type or "text/csv"
    declared = str(message.get_param("charset") or "utf-8").strip().lower()
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        name = declared
    canonical = {"utf-8": "utf-8", "cp1250": "windows-1250"}.get(name, name)
    if canonical not in ENCODINGS:
        raise UnsupportedEncoding(
            detail=Text(
                f"Kodowanie {declared!r} nie jest obsługiwane; wyślij UTF-8 lub windows-1250.",
                f"Encoding {declared!r} is not supported; send UTF-8 or windows-1250.",
            ),
            extra={"field": "header.content-type", "accepted": sorted(ENCODINGS)},
        )
    return ENCODINGS[canonical]


def undecodable(error: UnicodeDecodeError) -> InvalidInput:
    """Return the 422 for bytes that are not in the declared encoding."""
    byte = error.object[error.start : error.start + 1].hex()
    return InvalidInput.for_field(
        "body",
        f"Plik nie jest w kodowaniu {error.encoding} (bajt 0x{byte}). Zapisz go jako UTF-8 "
        "albo podaj Content-Type: text/csv; charset=windows-1250.",
        f"The file is not {error.encoding} (byte 0x{byte}). Save it as UTF-8 or send "
        "Content-Type: text/csv; charset=windows-1250.",
        "csv-encoding",
    )


def csv_reader(text: IO[str], allowed: Sequence[str]) -> csv.DictReader[str]:
    """Return a reader of the upload after checking its columns (comma or semicolon)."""
    sample = text.read(4096)
    text.seek(0)
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        names = reader.fieldnames or []
    except csv.Error as error:
        raise _unreadable(1, error) from None
    columns = [c.strip() for c in names]
    unknown = [c for c in columns if c not in allowed]
    missing = [c for c in ("name", "legal_form") if c not in columns]
    if unknown or missing:
        listed = ", ".join(unknown or missing)
        raise InvalidInput.for_field(
            f"body.{(unknown or missing)[0]}",
            f"Nieznane lub brakujące kolumny: {listed}. Dozwolone: {', '.join(allowed)}.",
            f"Unknown or missing columns: {listed}. Allowed: {', '.join(allowed)}.",
            "csv-columns",
        )
    reader.fieldnames = columns
    return reader


def numbered_rows(
    reader: csv.DictReader[str], *, max_rows: int
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, row) with the header as row 1; raise on a broken or extra row."""
    rows = iter(reader)
    for number in range(2, max_rows + 3):
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            raise _unreadable(number, error) from None
        if number > max_rows + 1:
            raise TooManyRows(
                detail=Text(
                    f"Jeden import przyjmuje najwyżej {max_rows} wierszy; podziel plik.",
                    f"One import takes at most {max_rows} rows; split the file.",
                ),
                extra={"field": "body", "max_rows": max_rows},
            )
        yield number, row


def _unreadable(number: int, error: csv.Error) -> InvalidInput:
    limit = csv.field_size_limit()
    if "field larger than field limit" in str(error):
        return InvalidInput.for_field(
            f"body.row.{number}",
            f"Wiersz {number}: komórka jest dłuższa niż {limit} znaków.",
            f"Row {number}: a cell is longer than {limit} characters.",
            "csv-cell-too-long",
        )
    return InvalidInput.for_field(
        f"body.row.{number}",
        f"Wiersz {number}: nieprawidłowy CSV ({error}).",
        f"Row {number}: malformed CSV ({error}).",
        "csv-malformed",
    )
