"""The inbox's order and where a page stops: newest first, the item id breaking ties.

An item reaches a person through one or more audience keys; each key keeps its own numbered
stream of entries (1, 2, ... in the order they were written). A page merges the person's
streams by order key. Its cursor holds the last order key shown and, per stream, the number
of the first entry not yet read, so the next page starts there without searching.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC

from services.notifications.domain.inbox import InboxItem

__all__ = ["InboxCursor", "order_key"]

_SEPARATOR = "\x00"
_ORDER = re.compile(r"\d{8}T\d{12}\x00[^\x00]{1,200}")
_MAX_STREAMS = 50


def order_key(item: InboxItem) -> str:
    """Return the key that orders an item in every stream it is in (larger is newer)."""
    created = item.created_at
    created = created if created.tzinfo else created.replace(tzinfo=UTC)
    return f"{created.astimezone(UTC):%Y%m%dT%H%M%S%f}{_SEPARATOR}{item.id}"


@dataclass(frozen=True)
class InboxCursor:
    """Where the next page starts: after `order`, each stream at its own position."""

    order: str
    positions: dict[str, int] = field(default_factory=dict)

    def to_key(self) -> str:
        """Return the cursor as one string (`order` NUL JSON of the positions)."""
        return f"{self.order}{_SEPARATOR}{json.dumps(self.positions, sort_keys=True)}"

    @classmethod
    def from_key(cls, key: str) -> InboxCursor:
        """Parse `to_key`'s string; raise ValueError for anything it cannot have made."""
        order, _, encoded = key.rpartition(_SEPARATOR)
        if not _ORDER.fullmatch(order):
            raise ValueError("not an inbox order key")
        try:
            positions = json.loads(encoded)
        except RecursionError:  # a deeply nested forgery is just as much not ours
            raise ValueError("positions nest too deep") from None
        if not isinstance(positions, dict) or len(positions) > _MAX_STREAMS:
            raise ValueError("positions are not a small object")
        for stream, position in positions.items():
            if type(position) is not int or len(stream) > 400:
                raise ValueError("a position is not a stream's entry number")
        return cls(order, positions)
