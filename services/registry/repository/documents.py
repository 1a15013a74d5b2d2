"""Mapping between the Organization aggregate and its MongoDB document."""

from __future__ import annotations

import dataclasses
from typing import Any

from services.registry.domain.organization.local_list import ListEntry
from services.registry.domain.organization.organization import Organization, Status
from services.registry.domain.organization.profile import (
    Address,
    ContactPerson,
    Declarations,
    LegalForm,
    Profile,
    Scope,
)
from shared.mongo import Document
from shared.public_benefit import PublicBenefitArea

__all__ = ["from_document", "search_text", "to_document"]


def search_text(profile: Profile) -> str:
    """Return the lower-case text the public search matches against."""
    parts = [profile.name, profile.short_name or "", profile.description or ""]
    return " ".join(p for p in parts if p).lower()


def to_document(organization: Organization) -> Document:
    """Return the document stored for an organization."""
    profile = organization.profile
    return {
        "_id": organization.id,
        "tenant_id": organization.home_tenant_id,
        "listed_in": organization.listed_in,
        "local_lists": {
            key: dataclasses.asdict(entry) for key, entry in organization.local_lists.items()
        },
        "profile": {
            **dataclasses.asdict(profile),
            "legal_form": profile.legal_form.value,
            "scope": profile.scope.value if profile.scope else None,
            "public_benefit_areas": [a.value for a in profile.public_benefit_areas],
            "target_groups": list(profile.target_groups),
            "social_services": list(profile.social_services),
            "contact_persons": [dataclasses.asdict(c) for c in profile.contact_persons],
        },
        "status": organization.status.value,
        "verified": organization.verified,
        "pending_identity": dict(organization.pending_identity),
        "verification_refusal": organization.verification_refusal,
        "registered_by": organization.registered_by,
        "registered_at": organization.registered_at,
        "updated_at": organization.updated_at,
        "version": organization.version,
        # Denormalized for the public database: filters, search and stable cursor order.
        "name_key": f"{profile.name.lower()}\x00{organization.id}",
        "recent_key": f"{organization.registered_at.isoformat()}\x00{organization.id}",
        "search": search_text(profile),
        "name_lc": profile.name.lower(),
        "krs": profile.krs,
        "nip": profile.nip,
        "regon": profile.regon,
        "municipality_teryt": profile.address.municipality_teryt,
    }


def _profile(raw: dict[str, Any]) -> Profile:
    return Profile(
        name=raw["name"],
        legal_form=LegalForm(raw["legal_form"]),
        short_name=raw.get("short_name"),
        krs=raw.get("krs"),
        nip=raw.get("nip"),
        regon=raw.get("regon"),
        public_benefit_status=bool(raw.get("public_benefit_status")),
        address=Address(**raw.get("address") or {}),
        public_email=raw.get("public_email"),
        public_phone=raw.get("public_phone"),
        website=raw.get("website"),
        public_benefit_areas=tuple(
            PublicBenefitArea(a) for a in raw.get("public_benefit_areas") or []
        ),
        target_groups=tuple(raw.get("target_groups") or []),
        social_services=tuple(raw.get("social_services") or []),
        scope=Scope(raw["scope"]) if raw.get("scope") else None,
        description=raw.get("description"),
        declarations=Declarations(**raw.get("declarations") or {}),
        contact_persons=tuple(ContactPerson(**c) for c in raw.get("contact_persons") or []),
    )


def from_document(document: Document) -> Organization:
    """Rebuild the aggregate from its stored document."""
    return Organization(
        id=document["_id"],
        home_tenant_id=document["tenant_id"],
        profile=_profile(document["profile"]),
        status=Status(document["status"]),
        verified=bool(document["verified"]),
        registered_by=document["registered_by"],
        registered_at=document["registered_at"],
        updated_at=document["updated_at"],
        local_lists={
            key: ListEntry(**entry) for key, entry in (document.get("local_lists") or {}).items()
        },
        pending_identity=dict(document.get("pending_identity") or {}),
        verification_refusal=document.get("verification_refusal"),
        version=int(document.get("version", 0)),
    )
