"""What grants knows of organizations and tenants: a read model of the registry's events."""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.errors import Conflict, FieldError, Text

__all__ = ["ACTIVE", "Applicant", "TenantRecord", "unknown_applicant"]

ACTIVE = "active"


@dataclass(frozen=True)
class Applicant:
    """An organization as the registry last described it."""

    id: str
    home_tenant_id: str
    name: str
    status: str
    verified: bool
    legal_form: str = ""
    krs: str | None = None
    nip: str | None = None
    regon: str | None = None
    public_benefit_areas: tuple[str, ...] = ()

    def ensure_may_apply(self) -> None:
        """Raise 409 unless the organization is active and verified by a municipality."""
        if self.status != ACTIVE:
            raise _refused(
                f"Organizacja {self.name} ma status „{self.status}”: oferty składa "
                "tylko organizacja aktywna.",
                f"{self.name} is {self.status}: only an active organization may apply.",
                "organization-inactive",
            )
        if not self.verified:
            raise _refused(
                f"Organizacja {self.name} czeka na weryfikację przez urząd gminy.",
                f"{self.name} awaits verification by a municipality.",
                "organization-unverified",
            )


def unknown_applicant(organization_id: str) -> Conflict:
    """Return the answer for an organization the registry has not announced (yet)."""
    return _refused(
        "Rejestr nie zna organizacji wskazanej w tokenie; zarejestruj ją najpierw.",
        "The registry does not know the organization named in the token; register it first.",
        "organization-unknown",
        organization_id=organization_id,
    )


def _refused(pl: str, en: str, code: str, **extra: object) -> Conflict:
    message = Text(pl, en)
    return Conflict(
        detail=message, errors=[FieldError("organization_id", message, code)], extra=dict(extra)
    )


@dataclass(frozen=True)
class TenantRecord:
    """A municipality, county or support centre, and a centre's member municipalities."""

    id: str
    name: str
    kind: str
    region: str | None = None
    member_ids: tuple[str, ...] = field(default_factory=tuple)
