"""What a consuming service knows of the registry's tenants and organizations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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

    @classmethod
    def of_profile(
        cls, organization_id: str, home_tenant_id: str, profile: Mapping[str, Any]
    ) -> KnownOrganization:
        """Return what a profile as the registry publishes it says of the organization."""
        return cls(
            id=organization_id,
            home_tenant_id=home_tenant_id,
            name=profile["name"],
            status=profile.get("status", "active"),
            verified=bool(profile.get("verified", True)),
            legal_form=profile.get("legal_form", ""),
            krs=profile.get("krs"),
            nip=profile.get("nip"),
            regon=profile.get("regon"),
            public_benefit_areas=tuple(profile.get("public_benefit_areas", ())),
        )
