"""Opaque page cursors: a sort key, base64url-encoded; the next page in a Link header."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query
from starlette.responses import Response

from shared.errors import InvalidInput

__all__ = [
    "PageCursor",
    "PageSize",
    "decode_cursor",
    "encode_cursor",
    "key_of_cursor",
    "link_next",
    "link_next_key",
]

# The `cursor` query parameter of every paged list.
PageCursor = Annotated[
    str | None,
    Query(max_length=800, description='From the `Link: <...>; rel="next"` header.'),
]
# The `limit` of a paged list whose items are loaded one `_id` lookup each.
PageSize = Annotated[int, Query(ge=1, le=500, description="Page size.")]


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


def link_next(
    response: Response, path: str, key: str | None, query: Mapping[str, str | int | None]
) -> str | None:
    """Set `Link: <path?cursor=...>; rel="next"` when there is a next page; return its cursor."""
    if key is None:
        return None
    cursor = encode_cursor(key)
    kept = {name: value for name, value in query.items() if value is not None}
    response.headers["Link"] = f'<{path}?{urlencode({**kept, "cursor": cursor})}>; rel="next"'
    return cursor


# A cursor of a `key` range (shared/key_ranges.py) holds the key after this mark: keys carry no
# NUL of their own, and decode_cursor wants one.
_KEY_MARK = "key\x00"


def key_of_cursor(cursor: str | None) -> str | None:
    """Return the range key a cursor of link_next_key holds (None for no cursor)."""
    key = decode_cursor(cursor)
    return key.partition("\x00")[2] if key else None


def link_next_key(
    response: Response, path: str, key: str | None, query: Mapping[str, str | int | None]
) -> str | None:
    """Set the Link header of the page that follows range key `key`; return its cursor."""
    return link_next(response, path, _KEY_MARK + key if key else None, query)
