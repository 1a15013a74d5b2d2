"""Text that is safe to store and render: input types that refuse control characters."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

__all__ = [
    "CONTROL_CHARACTERS_ERROR",
    "Line",
    "Paragraph",
    "printable",
    "refuse_control_characters",
    "single_line",
]

CONTROL_CHARACTERS_ERROR = "control_characters"
# C0 controls and DEL, C1 controls, lone surrogates and the two XML non-characters.
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_BUT_LAYOUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def refuse_control_characters(value: str, *, multiline: bool = False) -> str:
    """Return the value, or raise on a control character (multiline allows tab and breaks)."""
    pattern = _CONTROL_BUT_LAYOUT if multiline else _ANY_CONTROL
    if pattern.search(value):
        raise PydanticCustomError(
            CONTROL_CHARACTERS_ERROR,
            "Value contains a control character",
        )
    return value


def _line(value: str) -> str:
    return refuse_control_characters(value)


def _paragraph(value: str) -> str:
    return refuse_control_characters(value, multiline=True)


Line = Annotated[str, AfterValidator(_line)]
"""One line of text: names, titles, cities; no control characters at all."""

Paragraph = Annotated[str, AfterValidator(_paragraph)]
"""Free text: descriptions, comments; tab and line breaks allowed, other controls refused."""


def printable(value: str) -> str:
    """Return the text without the characters no renderer can carry (XML 1.0, headers, CSV)."""
    return _CONTROL_BUT_LAYOUT.sub("", value)


def single_line(value: str) -> str:
    """Return the text on one line, for e-mail headers and titles: controls become spaces."""
    return " ".join(_ANY_CONTROL.sub(" ", value).split())
