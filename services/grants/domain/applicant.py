"""Who may apply: grants' rules over the registry's organizations (shared.directory)."""

from __future__ import annotations

from shared.directory.views import KnownOrganization, KnownTenant
from shared.errors import Conflict, FieldError, Text

__all__ = ["ACTIVE", "Applicant", "KnownTenant", "ensure_may_apply", "unknown_applicant"]

ACTIVE = "active"
# An organization as the registry last described it: the applicant of an offer.
Applicant = KnownOrganization


def ensure_may_apply(applicant: Applicant) -> None:
    """Raise 409 unless the organization is active and verified by a municipality."""
    if applicant.status != ACTIVE:
        raise _refused(
            f"Organizacja {applicant.name} ma status „{applicant.status}”: oferty składa "
            "tylko organizacja aktywna.",
            f"{applicant.name} is {applicant.status}: only an active organization may apply.",
            "organization-inactive",
        )
    if not applicant.verified:
        raise _refused(
            f"Organizacja {applicant.name} czeka na weryfikację przez urząd gminy.",
            f"{applicant.name} awaits verification by a municipality.",
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
