"""The body an organization is registered with (the API's and the CSV import's rules)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from services.registry.domain.organization.profile import (
    Address,
    ContactPerson,
    Declarations,
    LegalForm,
)
from services.registry.services.profile_input import OrganizationCreate

_VALID: dict[str, Any] = {"name": "Fundacja Przykładowa", "legal_form": "foundation"}


def _refused_fields(**body: Any) -> set[str]:
    with pytest.raises(ValidationError) as refused:
        OrganizationCreate.model_validate({**_VALID, **body})
    return {".".join(str(p) for p in e["loc"]) for e in refused.value.errors()}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "ab"}, "name"),
        ({"name": "Fundacja\x07"}, "name"),  # no control characters in one line
        ({"legal_form": "company"}, "legal_form"),
        ({"public_email": "nie-email"}, "public_email"),
        ({"website": "ftp://example.org"}, "website"),
        ({"public_phone": "12"}, "public_phone"),
        ({"address": {"postal_code": "50123"}}, "address.postal_code"),
        ({"address": {"country": "PL"}}, "address.country"),  # unknown fields are refused
        ({"public_benefit_areas": ["seniors", "astrology"]}, "public_benefit_areas.1"),
        ({"contact_persons": [{"name": "A", "email": "a@"}]}, "contact_persons.0.email"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_field_is_named(body: dict[str, Any], field: str) -> None:
    assert field in _refused_fields(**body)


def test_a_body_becomes_the_domain_profile() -> None:
    body = OrganizationCreate.model_validate(
        {
            **_VALID,
            "name": "  Fundacja Przykładowa  ",
            "address": {"city": "Wrocław", "municipality_teryt": "0264011"},
            "public_benefit_areas": ["seniors"],
            "declarations": {"ready_to_cooperate": True},
            "contact_persons": [{"name": "Anna Nowak", "email": "anna@example.org"}],
            "description": "Pomagamy.\nCo dzień.",
            "needs_assessment": "pilne",
        }
    )

    profile = body.to_profile()

    assert profile.name == "Fundacja Przykładowa" and profile.legal_form is LegalForm.FOUNDATION
    assert profile.address == Address(city="Wrocław", municipality_teryt="0264011")
    assert profile.declarations == Declarations(ready_to_cooperate=True)
    assert profile.contact_persons == (ContactPerson(name="Anna Nowak", email="anna@example.org"),)
    assert profile.description == "Pomagamy.\nCo dzień."
    assert body.needs_assessment == "pilne"  # the list's note, not part of the profile
