"""Tenants: TERYT codes, names, a centre's members in its region, and what a change announces."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.registry.domain.tenant.tenant import TenantKind, onboard_tenant
from services.registry.domain.tenant.teryt import validate_county, validate_municipality
from shared.contracts.registry import TenantOnboarded, TenantUpdated
from shared.errors import InvalidInput

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _field_of(error: pytest.ExceptionInfo[InvalidInput]) -> str:
    return error.value.errors[0].field


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("0264011", True),
        ("1465011", True),
        ("026401", False),  # six digits
        ("9964011", False),  # no such voivodeship
        ("0200011", False),  # county 00
        ("0264001", False),  # municipality 00
        ("0264019", False),  # no such type digit
        ("02640a1", False),
    ],
)
def test_a_municipality_code_is_checked_part_by_part(code: str, valid: bool) -> None:
    if valid:
        assert validate_municipality(code) == code
    else:
        with pytest.raises(InvalidInput) as refused:
            validate_municipality(code, "address.municipality_teryt")
        assert _field_of(refused) == "address.municipality_teryt"


def test_a_county_code_has_four_digits_and_no_00_county() -> None:
    assert validate_county("0264") == "0264"
    for code in ("02640", "0200"):
        with pytest.raises(InvalidInput):
            validate_county(code)


def test_onboarding_a_centre_keeps_its_members_sorted_once_and_announces_them() -> None:
    centre = onboard_tenant(
        tenant_id="centre-02-wroclaw",
        name="  Centrum NGO  ",
        kind=TenantKind.SUPPORT_CENTRE,
        member_ids=["0264011", "0223044", "0264011"],
        now=NOW,
    )

    assert (centre.name, centre.region) == ("Centrum NGO", "02")
    assert centre.member_ids == ["0223044", "0264011"]
    [event] = centre.events
    assert isinstance(event, TenantOnboarded) and event.member_ids == centre.member_ids
    assert centre.tenant_id == "centre-02-wroclaw"


@pytest.mark.parametrize(
    ("kind", "tenant_id", "members", "field"),
    [
        (TenantKind.SUPPORT_CENTRE, "centrum-wroclaw", [], "id"),
        (TenantKind.SUPPORT_CENTRE, "centre-99-x", [], "id"),
        (TenantKind.SUPPORT_CENTRE, "centre-02-wroclaw", ["1465011"], "member_ids.0"),
        (TenantKind.MUNICIPALITY, "0264011", ["0223044"], "member_ids"),
        (TenantKind.COUNTY, "026", [], "id"),
    ],
)
def test_a_tenant_that_cannot_exist_names_the_field(
    kind: TenantKind, tenant_id: str, members: list[str], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        onboard_tenant(tenant_id=tenant_id, name="Nazwa", kind=kind, member_ids=members, now=NOW)
    assert _field_of(refused) == field


def test_a_name_has_three_to_two_hundred_characters() -> None:
    for name in ("ab", "x" * 201):
        with pytest.raises(InvalidInput) as refused:
            onboard_tenant(
                tenant_id="0264011", name=name, kind=TenantKind.MUNICIPALITY, member_ids=[], now=NOW
            )
        assert _field_of(refused) == "name"


def test_an_update_announces_added_and_removed_members_and_a_no_change_nothing() -> None:
    centre = onboard_tenant(
        tenant_id="centre-02-wroclaw",
        name="Centrum",
        kind=TenantKind.SUPPORT_CENTRE,
        member_ids=["0264011"],
        now=NOW,
    )
    centre.events.clear()

    assert centre.update(name=" Centrum ", member_ids=["0264011"], now=NOW) == []
    changed = centre.update(name="Centrum NGO", member_ids=["0223044"], now=NOW)

    assert changed == ["name", "member_ids"]
    [event] = centre.events
    assert isinstance(event, TenantUpdated)
    assert (event.added_member_ids, event.removed_member_ids) == (["0223044"], ["0264011"])
