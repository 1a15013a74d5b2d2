"""What a consuming service knows of the registry's tenants and organizations."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KnownOrganization", "KnownTenant"]


@dataclass(frozen=True)
class KnownTenant:
    """A municipality, county or support centre, and a centre's member municipalities."""

    id: str
    name: str
    kind: str
    region: str | None = None
    member_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownOrganization:
    """An organization as the registry last described it, under its home tenant."""

    id: str
    home_tenant_id: str
    name: str
    status: str = "active"
    verified: bool = True
    legal_form: str = ""
    krs: str | None = None
    nip: str | None = None
    regon: str | None = None
    public_benefit_areas: tuple[str, ...] = ()
