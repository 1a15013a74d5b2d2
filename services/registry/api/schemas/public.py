"""Bodies of the public NGO database routes, and the public record of a stored document."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from services.registry.services.public import PublicRecord
from shared.mongo import Document

__all__ = ["PublicOrganization", "PublicPage", "public_record"]


class PublicOrganization(BaseModel):
    """An organization's public record."""

    id: str
    name: str
    short_name: str | None = None
    legal_form: str
    krs: str | None = None
    nip: str | None = None
    regon: str | None = None
    public_benefit_status: bool = False
    status: str
    scope: str | None = None
    address: dict[str, Any] = Field(default_factory=dict)
    public_email: str | None = None
    public_phone: str | None = None
    website: str | None = None
    public_benefit_areas: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    social_services: list[str] = Field(default_factory=list)
    description: str | None = None
    declarations: dict[str, bool] = Field(default_factory=dict)
    listed_in: list[str] = Field(default_factory=list, description="Municipalities listing it.")
    registered_at: datetime

    @classmethod
    def of(cls, record: PublicRecord) -> PublicOrganization:
        """Render a public record."""
        # A null stored before PATCH refused nulls falls back to the field's default.
        profile = {k: v for k, v in record.profile.items() if v is not None}
        return cls(
            id=record.id,
            **profile,
            status=record.status,
            listed_in=list(record.listed_in),
            registered_at=record.registered_at,
        )


class PublicPage(BaseModel):
    """One page of search results."""

    items: list[PublicOrganization]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    facets: dict[str, dict[str, int]] | None = Field(
        None,
        description="Matches per municipality, area, legal_form and opp, over all pages.",
    )
    highlights: dict[str, dict[str, str]] | None = Field(
        None,
        description=(
            "Per organization id, its name, short_name or description as escaped HTML with "
            "the matched words in <mark>; only with `q`."
        ),
    )


_FIELDS = tuple(PublicOrganization.model_fields)
_DEFAULTS = {
    name: info.get_default(call_default_factory=True)
    for name, info in PublicOrganization.model_fields.items()
    if not info.is_required()
}


def public_record(document: Document) -> dict[str, Any]:
    """Return what `PublicOrganization.of` serializes a stored record to, without building it."""
    profile = document["profile"]
    own = {
        "id": document["_id"],
        "status": document["status"],
        "listed_in": document.get("listed_in", []),
        "registered_at": document["registered_at"],
    }
    record: dict[str, Any] = {}
    for name in _FIELDS:
        value = own[name] if name in own else profile.get(name)
        record[name] = _DEFAULTS.get(name) if value is None else value
    return record
