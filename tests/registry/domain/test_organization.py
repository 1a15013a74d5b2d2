"""The Organization aggregate: its profile checks, verification, status and local lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.registry.domain.organization.identifiers import (
    normalize_krs,
    normalize_nip,
    normalize_regon,
)
from services.registry.domain.organization.local_list import name_key
from services.registry.domain.organization.organization import (
    Organization,
    Status,
    register_organization,
)
from services.registry.domain.organization.profile import (
    Address,
    ContactPerson,
    LegalForm,
    Profile,
)
from shared.contracts.registry import (
    OrganizationDelisted,
    OrganizationDeregistered,
    OrganizationListed,
    OrganizationRegistered,
    OrganizationStatusChanged,
    OrganizationUpdated,
)
from shared.errors import Conflict, InvalidInput
from shared.public_benefit import PublicBenefitArea
from tests.support.factories import KRS, NIP, REGON

HOME, NEIGHBOUR = "0264011", "0223044"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _organization(*, verified: bool = True, **fields: object) -> Organization:
    profile = Profile(
        name=str(fields.pop("name", "Fundacja Przykładowa")),
        legal_form=LegalForm.FOUNDATION,
        nip=NIP,
        contact_persons=(ContactPerson(name="Anna Nowak"),),
        **fields,  # type: ignore[arg-type]
    )
    organization = register_organization(
        tenant_id=HOME, profile=profile, registered_by="user-1", verified=verified, now=NOW
    )
    organization.events.clear()
    return organization


def _events(organization: Organization) -> list[type]:
    return [type(e) for e in organization.events]


class TestIdentifiers:
    def test_numbers_are_stored_in_canonical_form(self) -> None:
        assert normalize_nip(f"{NIP[:3]}-{NIP[3:6]}-{NIP[6:8]}-{NIP[8:]}") == NIP
        assert normalize_regon(REGON) == REGON
        assert normalize_krs(f"{KRS[:4]} {KRS[4:]}") == KRS

    @pytest.mark.parametrize(
        ("normalize", "value", "code"),
        [
            (normalize_nip, NIP[:-1] + str((int(NIP[-1]) + 1) % 10), "nip-checksum"),
            (normalize_nip, "12345", "nip-format"),
            (normalize_regon, REGON[:-1] + str((int(REGON[-1]) + 1) % 10), "regon-checksum"),
            (normalize_krs, "12345", "krs-format"),
        ],
    )
    def test_a_wrong_number_says_what_is_wrong(
        self, normalize: object, value: str, code: str
    ) -> None:
        with pytest.raises(InvalidInput) as refused:
            normalize(value)  # type: ignore[operator]
        assert refused.value.errors[0].code == code


def test_registration_normalizes_the_profile_and_lists_a_verified_one_at_home() -> None:
    organization = register_organization(
        tenant_id=HOME,
        profile=Profile(
            name="  Fundacja  ",
            legal_form=LegalForm.FOUNDATION,
            public_benefit_areas=(PublicBenefitArea.SENIORS, PublicBenefitArea.SENIORS),
            address=Address(municipality_teryt=HOME),
        ),
        registered_by="user-1",
        verified=True,
        now=NOW,
    )

    assert organization.profile.name == "Fundacja"
    assert organization.profile.public_benefit_areas == (PublicBenefitArea.SENIORS,)
    assert organization.listed_in == [HOME] and organization.tenant_id == HOME
    assert _events(organization) == [OrganizationRegistered, OrganizationListed]


def test_a_seat_outside_any_municipality_names_the_address_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        _organization(address=Address(municipality_teryt="0264000"))
    assert refused.value.errors[0].field == "address.municipality_teryt"


def test_contact_persons_never_leave_in_an_announcement() -> None:
    organization = _organization()

    changed = organization.update(
        {"contact_persons": (ContactPerson(name="Jan Kowalski"),)}, now=NOW, reviewed=True
    )

    assert changed == ["contact_persons"] and organization.events == []


def test_an_officers_rename_applies_at_once_and_is_announced() -> None:
    organization = _organization()
    later = NOW + timedelta(hours=1)

    organization.update({"name": "Nowa Nazwa"}, now=later, reviewed=True)

    assert organization.profile.name == "Nowa Nazwa" and organization.updated_at == later
    [event] = organization.events
    assert isinstance(event, OrganizationUpdated) and event.changed_fields == ["name"]


def test_a_members_identity_change_waits_and_verification_applies_it() -> None:
    organization = _organization()

    changed = organization.update(
        {"regon": REGON, "website": "https://a.pl"}, now=NOW, reviewed=False
    )

    assert changed == ["website", "pending_changes"]
    assert organization.profile.regon is None and organization.pending_identity == {"regon": REGON}
    assert organization.public_profile().pending_changes == ["regon"]
    assert organization.verify(now=NOW) == ["regon", "pending_changes"]
    assert organization.profile.regon == REGON and organization.pending_identity == {}


def test_an_unverified_organization_changes_its_identity_freely() -> None:
    organization = _organization(verified=False)
    organization.update({"name": "Inna"}, now=NOW, reviewed=False)
    assert organization.profile.name == "Inna" and organization.pending_identity == {}


def test_a_refusal_drops_the_pending_change_and_keeps_the_reason_until_verified() -> None:
    organization = _organization()
    organization.update({"name": "Inna"}, now=NOW, reviewed=False)

    organization.refuse_verification("Brak uchwały.", now=NOW)

    assert organization.pending_identity == {} and organization.profile.name != "Inna"
    assert organization.verification_refusal == "Brak uchwały."
    organization.update({"name": "Trzecia"}, now=NOW, reviewed=False)
    organization.verify(now=NOW)
    assert organization.verification_refusal is None


def test_deregistration_erases_contact_persons_and_freezes_the_record() -> None:
    organization = _organization()

    organization.change_status(Status.DEREGISTERED, reason=None, now=NOW)

    assert organization.profile.contact_persons == ()
    assert _events(organization) == [OrganizationStatusChanged, OrganizationDeregistered]
    with pytest.raises(Conflict):
        organization.update({"website": "https://a.pl"}, now=NOW, reviewed=True)
    with pytest.raises(Conflict):
        organization.list_in(NEIGHBOUR, note=None, actor="user-2", now=NOW)


def test_the_same_status_again_is_a_conflict() -> None:
    with pytest.raises(Conflict):
        _organization().change_status(Status.ACTIVE, reason=None, now=NOW)


def test_a_listing_belongs_to_the_lister_and_relisting_keeps_who_listed_first() -> None:
    organization = _organization()
    organization.list_in(NEIGHBOUR, note=None, actor="officer-1", now=NOW)
    later = NOW + timedelta(days=1)

    organization.list_in(NEIGHBOUR, note="pilne", actor="officer-2", now=later)

    entry = organization.local_lists[NEIGHBOUR]
    assert (entry.listed_by, entry.listed_at, entry.needs_assessment) == (
        "officer-1",
        NOW,
        "pilne",
    )
    assert [organization.tenant_of(e) for e in organization.events] == [NEIGHBOUR, NEIGHBOUR]
    assert not organization.is_owned_by(NEIGHBOUR) and organization.may_be_listed_by(NEIGHBOUR)


def test_delisting_what_is_not_listed_announces_nothing() -> None:
    organization = _organization()
    organization.delist(NEIGHBOUR, now=NOW)
    assert organization.events == []
    organization.delist(HOME, now=NOW)
    assert _events(organization) == [OrganizationDelisted] and organization.listed_in == []


def test_an_unverified_registration_may_be_listed_by_its_home_only() -> None:
    organization = _organization(verified=False)
    assert organization.may_be_listed_by(HOME) and not organization.may_be_listed_by(NEIGHBOUR)


def test_lists_order_by_name_then_id() -> None:
    first, second = _organization(name="Beta"), _organization(name="alfa")
    assert sorted([first, second], key=name_key) == [second, first]
    assert name_key(first).startswith("beta\x00")
