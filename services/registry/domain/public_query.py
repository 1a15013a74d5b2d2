"""What a public search asks for: filters, order and page."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PublicQuery"]


@dataclass(frozen=True)
class PublicQuery:
    """Filters, order and page of a public search."""

    text: str | None = None
    municipality: str | None = None
    area: str | None = None
    legal_form: str | None = None
    scope: str | None = None
    status: str | None = None
    public_benefit_status: bool | None = None
    sort: str | None = None  # None: by relevance with words, else by name
    after: str | None = None
    limit: int = 50
