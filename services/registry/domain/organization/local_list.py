"""An organization's places on municipalities' local lists, and the order lists are read in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the aggregate holds its entries: only its type is needed here
    from services.registry.domain.organization.organization import Organization

__all__ = ["ListEntry", "name_key"]


@dataclass(frozen=True)
class ListEntry:
    """An organization's place on one municipality's local list."""

    municipality_id: str
    needs_assessment: str | None
    listed_by: str
    listed_at: datetime


def name_key(organization: Organization) -> str:
    """Return the key that orders lists by name (the id breaks ties)."""
    return f"{organization.profile.name.lower()}\x00{organization.id}"
