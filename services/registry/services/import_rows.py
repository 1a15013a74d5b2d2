"""One CSV row of a bulk import, validated into a profile or a list of field errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from services.registry.domain.organization.profile import Profile, normalized
from services.registry.services.profile_input import OrganizationCreate
from shared.errors import DomainError

__all__ = ["IMPORT_COLUMNS", "RowError", "ValidRow", "parse_row"]

IMPORT_COLUMNS = (
    "name", "short_name", "legal_form", "krs", "nip", "regon", "public_benefit_status",
    "street", "postal_code", "city", "municipality_teryt", "public_email", "public_phone",
    "website", "public_benefit_areas", "scope", "description", "needs_assessment",
)  # fmt: skip
_ADDRESS = ("street", "postal_code", "city", "municipality_teryt")
_TRUE = {"1", "true", "tak", "yes", "t", "y"}


@dataclass(frozen=True)
class ValidRow:
    """A row that can be imported."""

    number: int
    profile: Profile
    note: str | None


@dataclass(frozen=True)
class RowError:
    """Why one row was not imported."""

    number: int
    field: str
    reason: str


def _body(row: dict[str, str]) -> dict[str, Any]:
    values = {k: v.strip() for k, v in row.items() if k and v is not None and v.strip()}
    body: dict[str, Any] = {k: v for k, v in values.items() if k not in _ADDRESS}
    body["address"] = {k: values[k] for k in _ADDRESS if k in values}
    if "public_benefit_areas" in body:
        body["public_benefit_areas"] = [
            a.strip() for a in body["public_benefit_areas"].split(";") if a.strip()
        ]
    if "public_benefit_status" in body:
        body["public_benefit_status"] = body["public_benefit_status"].lower() in _TRUE
    return body


def parse_row(number: int, row: dict[str, str]) -> ValidRow | list[RowError]:
    """Validate one row with the same rules as the API; return it or its errors."""
    try:
        body = OrganizationCreate.model_validate(_body(row))
        return ValidRow(number, normalized(body.to_profile()), body.needs_assessment)
    except ValidationError as error:
        return [RowError(number, _column(item["loc"]), item["msg"]) for item in error.errors()]
    except DomainError as error:
        return [RowError(number, e.field.split(".")[-1], e.message.en) for e in error.errors]


def _column(location: tuple[Any, ...]) -> str:
    # address.city is the `city` column; a list index points at its column.
    names = [str(part) for part in location if not isinstance(part, int)]
    return names[-1] if names else "row"
