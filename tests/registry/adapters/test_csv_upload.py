"""Reading an uploaded CSV: the declared charset, the columns, and numbered, bounded rows."""

from __future__ import annotations

import io

import pytest

from services.registry.adapters.csv_upload import (
    TooManyRows,
    UnsupportedEncoding,
    csv_encoding,
    csv_reader,
    numbered_rows,
    undecodable,
)
from services.registry.services.import_rows import IMPORT_COLUMNS
from shared.errors import InvalidInput


@pytest.mark.parametrize(
    ("content_type", "codec"),
    [
        (None, "utf-8-sig"),  # a BOM from a spreadsheet is not part of the first column
        ("text/csv", "utf-8-sig"),
        ("text/csv; charset=UTF-8", "utf-8-sig"),
        ("text/csv; charset=windows-1250", "cp1250"),
        ("text/csv; charset=CP1250", "cp1250"),
    ],
)
def test_the_declared_charset_picks_the_codec(content_type: str | None, codec: str) -> None:
    assert csv_encoding(content_type) == codec


@pytest.mark.parametrize("charset", ["latin-1", "no-such-charset"])
def test_any_other_charset_is_refused_naming_the_header(charset: str) -> None:
    with pytest.raises(UnsupportedEncoding) as refused:
        csv_encoding(f"text/csv; charset={charset}")
    assert refused.value.status == 415
    assert refused.value.extra["field"] == "header.content-type"


def test_semicolons_or_commas_and_padded_headers_are_read() -> None:
    for text in ("name; legal_form\nKlub;sports_club\n", "name, legal_form\nKlub,sports_club\n"):
        reader = csv_reader(io.StringIO(text), IMPORT_COLUMNS)
        assert [row for _, row in numbered_rows(reader, max_rows=10)] == [
            {"name": "Klub", "legal_form": "sports_club"}
        ]


@pytest.mark.parametrize(
    ("header", "field"),
    [("name;legal_form;colour", "body.colour"), ("name;city", "body.legal_form")],
)
def test_unknown_or_missing_columns_name_the_first_one(header: str, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        csv_reader(io.StringIO(header + "\n"), IMPORT_COLUMNS)
    assert refused.value.errors[0].field == field


def test_rows_are_numbered_from_two_and_bounded() -> None:
    text = "name;legal_form\n" + "".join(f"F{n};foundation\n" for n in range(3))

    reader = csv_reader(io.StringIO(text), IMPORT_COLUMNS)
    assert [n for n, _ in numbered_rows(reader, max_rows=3)] == [2, 3, 4]
    reader = csv_reader(io.StringIO(text), IMPORT_COLUMNS)
    with pytest.raises(TooManyRows) as refused:
        list(numbered_rows(reader, max_rows=2))
    assert refused.value.extra == {"field": "body", "max_rows": 2}


def test_undecodable_bytes_name_the_byte_and_the_fix() -> None:
    try:
        b"Ko\xb3o".decode("utf-8")
    except UnicodeDecodeError as error:
        problem = undecodable(error)
    assert problem.errors[0].field == "body"
    assert "0xb3" in problem.detail.en and "windows-1250" in problem.detail.en
