"""Opaque page cursors: a sort key, base64url-encoded."""

from __future__ import annotations

import base64
import binascii

from shared.errors import InvalidInput

__all__ = ["decode_cursor", "encode_cursor"]


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
        raise InvalidInput.for_field(field, "Nieprawidłowy kursor.", "Invalid cursor.", "cursor")
    return key
