"""The Organization aggregate: an NGO known to the platform, its status and local lists."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from services.registry.domain.organization.local_list import ListEntry
from services.registry.domain.organization.profile import (
    IDENTITY_FIELDS,
    PRIVATE_FIELDS,
    Profile,
    normalized,
)
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.registry import (
    OrganizationDelisted,
    OrganizationDeregistered,
    OrganizationListed,
    OrganizationProfile,
    OrganizationRegistered,
    OrganizationStatusChanged,
    OrganizationUpdated,
    OrganizationVerificationRefused,
)
from shared.errors import Conflict, Text

__all__ = ["Organization", "Status", "register_organization"]


class Status(StrEnum):
    """Legal status of an organization."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    IN_LIQUIDATION = "in_liquidation"
    DEREGISTERED = "deregistered"


@dataclass
class Organization:
    """An organization, owned by the tenant that registered it, listed by any municipality."""

    id: str
    home_tenant_id: str
    profile: Profile
    status: Status
    verified: bool
    registered_by: str
    registered_at: datetime
    updated_at: datetime
    local_lists: dict[str, ListEntry] = field(default_factory=dict)
    # Identity changes a member made after verification; public only once an officer accepts.
    pending_identity: dict[str, str | None] = field(default_factory=dict)
    verification_refusal: str | None = None
    version: int = 0
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def tenant_id(self) -> str:
        """Return the tenant that owns it: its home (a listing municipality does not own it)."""
        return self.home_tenant_id

    @property
    def listed_in(self) -> list[str]:
        """Return the municipalities whose local list holds this organization."""
        return sorted(self.local_lists)

    def is_owned_by(self, tenant_id: str) -> bool:
        """Return whether the tenant decides its profile, status and verification."""
        # Listing is not owning: a listing municipality owns only its list entry and its note.
        return tenant_id == self.home_tenant_id

    def may_be_listed_by(self, tenant_id: str) -> bool:
        """Return whether the tenant may find and list it: verified, or its own registration."""
        return self.verified or self.is_owned_by(tenant_id)

    def tenant_of(self, event: EventContract) -> str:
        """Return the tenant an event of this organization belongs to."""
        # A listing belongs to the listing municipality; everything else to the home tenant.
        return str(getattr(event, "municipality_id", None) or self.home_tenant_id)

    def public_profile(self) -> OrganizationProfile:
        """Return the profile fields that may leave the municipality's staff."""
        profile = self.profile
        return OrganizationProfile(
            name=profile.name,
            short_name=profile.short_name,
            legal_form=profile.legal_form.value,
            krs=profile.krs,
            nip=profile.nip,
            regon=profile.regon,
            status=self.status.value,
            public_benefit_status=profile.public_benefit_status,
            municipality_teryt=profile.address.municipality_teryt,
            public_benefit_areas=[a.value for a in profile.public_benefit_areas],
            scope=profile.scope.value if profile.scope else None,
            verified=self.verified,
            pending_changes=sorted(self.pending_identity),
        )

    def update(self, changes: dict[str, Any], *, now: datetime, reviewed: bool) -> list[str]:
        """Apply profile changes; return the changed field names.

        Without review (a member's change), a verified organization's name and numbers wait
        for an officer's verification and the public keeps seeing the verified ones.
        """
        self._refuse_if_deregistered()
        changed: list[str] = []
        if self.verified and not reviewed:
            proposed = {k: v for k, v in changes.items() if k in IDENTITY_FIELDS}
            changes = {k: v for k, v in changes.items() if k not in IDENTITY_FIELDS}
            if self._propose(proposed):
                changed.append("pending_changes")
        updated = self.profile.with_changes(changes)
        changed = updated.changed_fields(self.profile) + changed
        if changed:
            self.profile = updated
            self._touch(now)
            public = [name for name in changed if name not in PRIVATE_FIELDS]
            if public:
                self._announce_update(public, now)
        return changed

    def _propose(self, proposed: dict[str, Any]) -> bool:
        if not proposed:
            return False
        candidate = self.profile.with_changes({**self.pending_identity, **proposed})
        pending = {
            name: getattr(candidate, name)
            for name in IDENTITY_FIELDS
            if getattr(candidate, name) != getattr(self.profile, name)
        }
        if pending == self.pending_identity:
            return False
        self.pending_identity = pending
        return True

    def verify(self, *, now: datetime) -> list[str]:
        """Verify the organization or accept its pending identity change; return what changed."""
        changed: list[str] = []
        if self.pending_identity:
            updated = self.profile.with_changes(self.pending_identity)
            changed = [*updated.changed_fields(self.profile), "pending_changes"]
            self.profile, self.pending_identity = updated, {}
        if not self.verified:
            self.verified = True
            changed.append("verified")
        if changed:
            self.verification_refusal = None
            self._touch(now)
            self._announce_update(changed, now)
        return changed

    def refuse_verification(self, reason: str, *, now: datetime) -> None:
        """Refuse the registration or the pending identity change, telling the organization why."""
        refused = sorted(self.pending_identity)
        if self.verified and not refused:
            raise Conflict(
                detail=Text(
                    "Organizacja jest zweryfikowana i nie czeka na weryfikację zmian.",
                    "The organization is verified and has no change awaiting verification.",
                )
            )
        self.pending_identity = {}
        self.verification_refusal = reason
        self._touch(now)
        self.events.append(
            OrganizationVerificationRefused(
                organization_id=self.id, refused_fields=refused, reason=reason, refused_at=now
            )
        )
        if refused:
            self._announce_update(["pending_changes"], now)

    def change_status(self, status: Status, *, reason: str | None, now: datetime) -> None:
        """Move to another status; deregistration erases contact persons (GDPR)."""
        self._refuse_if_deregistered()
        if status is self.status:
            raise Conflict(
                detail=Text(
                    f"Organizacja ma już status {status.value}.",
                    f"The organization already has status {status.value}.",
                )
            )
        previous, self.status = self.status, status
        self._touch(now)
        self.events.append(
            OrganizationStatusChanged(
                organization_id=self.id,
                previous_status=previous.value,
                status=status.value,
                reason=reason,
                changed_at=now,
            )
        )
        if status is Status.DEREGISTERED:
            self.profile = replace(self.profile, contact_persons=())
            self.events.append(
                OrganizationDeregistered(organization_id=self.id, deregistered_at=now)
            )

    def list_in(self, municipality_id: str, *, note: str | None, actor: str, now: datetime) -> None:
        """Put the organization on a municipality's local list, or update its note."""
        self._refuse_if_deregistered()
        previous = self.local_lists.get(municipality_id)
        self.local_lists[municipality_id] = ListEntry(
            municipality_id,
            note,
            previous.listed_by if previous else actor,
            previous.listed_at if previous else now,
        )
        self._touch(now)
        self.events.append(
            OrganizationListed(
                organization_id=self.id,
                municipality_id=municipality_id,
                name=self.profile.name,
                public_benefit_areas=[a.value for a in self.profile.public_benefit_areas],
                listed_at=now,
            )
        )

    def delist(self, municipality_id: str, *, now: datetime) -> None:
        """Take the organization off a municipality's local list."""
        if self.local_lists.pop(municipality_id, None) is None:
            return
        self._touch(now)
        self.events.append(
            OrganizationDelisted(
                organization_id=self.id, municipality_id=municipality_id, delisted_at=now
            )
        )

    def _announce_update(self, changed: list[str], now: datetime) -> None:
        self.events.append(
            OrganizationUpdated(
                organization_id=self.id,
                changed_fields=changed,
                profile=self.public_profile(),
                updated_at=now,
            )
        )

    def _touch(self, now: datetime) -> None:
        self.updated_at = now

    def _refuse_if_deregistered(self) -> None:
        if self.status is Status.DEREGISTERED:
            raise Conflict(
                detail=Text(
                    "Organizacja jest wykreślona; jej dane są tylko do odczytu.",
                    "The organization is deregistered; its record is read-only.",
                )
            )


def register_organization(
    *,
    tenant_id: str,
    profile: Profile,
    registered_by: str,
    verified: bool,
    now: datetime,
    note: str | None = None,
    organization_id: str | None = None,
) -> Organization:
    """Create an organization with a checked profile; a verified one joins the local list."""
    organization = Organization(
        id=organization_id or new_id(),
        home_tenant_id=tenant_id,
        profile=normalized(profile),
        status=Status.ACTIVE,
        verified=verified,
        registered_by=registered_by,
        registered_at=now,
        updated_at=now,
    )
    profile = organization.profile
    organization.events.append(
        OrganizationRegistered(
            organization_id=organization.id,
            name=profile.name,
            legal_form=profile.legal_form.value,
            krs=profile.krs,
            nip=profile.nip,
            regon=profile.regon,
            registered_by=registered_by,
            registered_at=now,
            profile=organization.public_profile(),
        )
    )
    if verified:
        organization.list_in(tenant_id, note=note, actor=registered_by, now=now)
    return organization
