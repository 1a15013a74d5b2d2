"""Opaque page cursors: a sort key, base64url-encoded."""

from __future__ import annotations

import base64
import binascii

from shared.errors import InvalidInput

__all__ = ["decode_cursor", "encode_cursor", "invalid_cursor"]


def encode_cursor(key: str) -> str:
    """Return the cursor of a sort key."""
    return base64.urlsafe_b64encode(key.encode()).decode()


def decode_cursor(cursor: str | None, field: str = "query.cursor") -> str | None:
    """Return the sort key of a cursor; a cursor that is not ours is a 422 naming the field."""
    if not cursor:
        return None
    try:
        key = base64.b64decode(cursor.encode(), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        key = ""
    if "\x00" not in key:  # every sort key is `value NUL id`; anything else was not ours
        raise invalid_cursor(field)
    return key


def invalid_cursor(field: str = "query.cursor") -> InvalidInput:
    """Return the 422 of a cursor that decodes but that the list cannot have made."""
    return InvalidInput.for_field(field, "Nieprawidłowy kursor.", "Invalid cursor.", "cursor")
