"""The Tenant aggregate: a municipality, a county or a regional NGO support centre."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.registry.domain.tenant.teryt import (
    validate_county,
    validate_municipality,
    validate_voivodeship,
)
from shared.contracts.base import EventContract
from shared.contracts.registry import TenantOnboarded, TenantUpdated
from shared.errors import InvalidInput

__all__ = ["Tenant", "TenantKind", "onboard_tenant"]

_CENTRE_ID = re.compile(r"^centre-[0-9]{2}-[a-z0-9-]{2,40}$")


class TenantKind(StrEnum):
    """What kind of body a tenant is."""

    MUNICIPALITY = "municipality"
    COUNTY = "county"
    SUPPORT_CENTRE = "support_centre"


@dataclass
class Tenant:
    """A body that uses the platform; its id is its TERYT code (or a centre id)."""

    id: str
    name: str
    kind: TenantKind
    region: str
    member_ids: list[str]
    onboarded_at: datetime
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def tenant_id(self) -> str:
        """Return the tenant its data and events belong to: itself."""
        return self.id

    def update(self, *, name: str | None, member_ids: list[str] | None, now: datetime) -> list[str]:
        """Rename the tenant or replace a centre's members; return what changed."""
        changed = []
        before = set(self.member_ids)
        if name is not None and name.strip() != self.name:
            self.name = _checked_name(name)
            changed.append("name")
        if member_ids is not None:
            members = _checked_members(self.kind, self.region, member_ids)
            if set(members) != before:
                self.member_ids = members
                changed.append("member_ids")
        if changed:
            self.events.append(
                TenantUpdated(
                    tenant_id=self.id,
                    name=self.name,
                    kind=self.kind.value,
                    region=self.region,
                    member_ids=self.member_ids,
                    added_member_ids=sorted(set(self.member_ids) - before),
                    removed_member_ids=sorted(before - set(self.member_ids)),
                    updated_at=now,
                )
            )
        return changed


def _checked_name(name: str) -> str:
    name = name.strip()
    if not 3 <= len(name) <= 200:
        raise InvalidInput.for_field(
            "name", "Nazwa ma od 3 do 200 znaków.", "A name has 3 to 200 characters."
        )
    return name


def _checked_id(kind: TenantKind, tenant_id: str) -> str:
    if kind is TenantKind.MUNICIPALITY:
        return validate_municipality(tenant_id)
    if kind is TenantKind.COUNTY:
        return validate_county(tenant_id)
    if not _CENTRE_ID.match(tenant_id):
        raise InvalidInput.for_field(
            "id",
            "Id centrum ma postać centre-<kod województwa>-<nazwa>, np. centre-02-wroclaw.",
            "A centre id looks like centre-<voivodeship code>-<name>, e.g. centre-02-wroclaw.",
        )
    validate_voivodeship(tenant_id[7:9], "id")
    return tenant_id


def _checked_members(kind: TenantKind, region: str, member_ids: list[str]) -> list[str]:
    if kind is not TenantKind.SUPPORT_CENTRE:
        if member_ids:
            raise InvalidInput.for_field(
                "member_ids",
                "Tylko centrum wsparcia ma gminy członkowskie.",
                "Only a support centre has member municipalities.",
            )
        return []
    members = []
    for index, member in enumerate(member_ids):
        code = validate_municipality(member, f"member_ids.{index}")
        if code[:2] != region:
            raise InvalidInput.for_field(
                f"member_ids.{index}",
                "Gmina członkowska leży poza regionem centrum.",
                "A member municipality lies outside the centre's region.",
            )
        members.append(code)
    return sorted(set(members))


def onboard_tenant(
    *, tenant_id: str, name: str, kind: TenantKind, member_ids: list[str], now: datetime
) -> Tenant:
    """Create a tenant after checking its code, name and members."""
    checked_id = _checked_id(kind, tenant_id)
    region = checked_id[7:9] if kind is TenantKind.SUPPORT_CENTRE else checked_id[:2]
    tenant = Tenant(
        id=checked_id,
        name=_checked_name(name),
        kind=kind,
        region=region,
        member_ids=_checked_members(kind, region, member_ids),
        onboarded_at=now,
    )
    tenant.events.append(
        TenantOnboarded(
            tenant_id=tenant.id,
            name=tenant.name,
            kind=kind.value,
            region=region,
            member_ids=tenant.member_ids,
            onboarded_at=now,
        )
    )
    return tenant
