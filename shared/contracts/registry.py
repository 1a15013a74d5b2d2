"""Events published by the registry service."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.contracts.base import EventContract

__all__ = ["OrganizationRegistered"]

ORGANIZATION_TOPIC = "registry.organization.v1"


class OrganizationRegistered(EventContract):
    """An organization was registered on the platform (public data only)."""

    event_type = "pl.ngo.registry.organization.registered"
    topic = ORGANIZATION_TOPIC
    key_field = "organization_id"

    organization_id: str = Field(description="Platform id of the organization.")
    name: str = Field(description="Full registered name.")
    legal_form: str = Field(description="Legal form, e.g. foundation or association.")
    krs: str | None = Field(None, description="KRS number (10 digits), if registered in KRS.")
    nip: str | None = Field(None, description="NIP tax id (10 digits).")
    regon: str | None = Field(None, description="REGON statistical id (9 or 14 digits).")
    registered_by: str = Field(description="Subject (user id) who registered it.")
    registered_at: datetime = Field(description="When it was registered (UTC).")
