"""Organization use cases over fake stores: who registers, sees, changes, verifies and lists."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.registry.domain.organization.local_list import name_key
from services.registry.domain.organization.organization import Organization, Status
from services.registry.domain.organization.profile import LegalForm, Profile
from shared.contracts.registry import (
    OrganizationDelisted,
    OrganizationDeregistered,
    OrganizationListed,
    OrganizationRegistered,
    OrganizationStatusChanged,
    OrganizationUpdated,
    OrganizationVerificationRefused,
)
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from shared.tenancy import Principal
from tests.registry.fakes import FakeRegistry, fake_registry, onboarded
from tests.support.factories import unique_nip
from tests.support.principals import person

HOME, NEIGHBOUR, STRANGER = "0264011", "0223044", "1465011"
CENTRE = "centre-02-wroclaw"
_NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def registry() -> FakeRegistry:
    """Three onboarded municipalities and a centre whose members are two of them."""
    return fake_registry(
        onboarded(HOME),
        onboarded(NEIGHBOUR),
        onboarded(STRANGER),
        onboarded(CENTRE, HOME, NEIGHBOUR),
    )


def _profile(name: str = "Stowarzyszenie Przykładowe", **fields: object) -> Profile:
    values: dict[str, object] = {"legal_form": LegalForm.ASSOCIATION, "nip": unique_nip()}
    return Profile(name=name, **{**values, **fields})  # type: ignore[arg-type]


async def _register(
    registry: FakeRegistry, caller: Principal | None = None, **fields: object
) -> Organization:
    caller = caller or person(HOME, "tenant_officer")
    return await registry.organization_services.register(caller, _profile(**fields))


async def test_an_officers_registration_is_verified_listed_claimed_and_announced(
    registry: FakeRegistry,
) -> None:
    officer = person(HOME, "tenant_officer")
    organization = await _register(registry, officer)

    stored = registry.organizations.stored(organization.id)
    assert stored.verified and stored.listed_in == [HOME]
    assert registry.claims.claims == {f"nip:{stored.profile.nip}": organization.id}
    assert [type(e) for e in registry.runner.events()] == [
        OrganizationRegistered,
        OrganizationListed,
    ]
    assert set(registry.runner.tenants_of(OrganizationRegistered)) == {HOME}
    assert registry.audit.actions(organization.id) == ["registered"]


async def test_an_ngo_members_registration_awaits_verification_and_claims_nothing(
    registry: FakeRegistry,
) -> None:
    organization = await _register(registry, person(HOME, "ngo_member"))

    stored = registry.organizations.stored(organization.id)
    assert not stored.verified and stored.listed_in == []
    assert registry.claims.claims == {}
    assert registry.runner.events(OrganizationListed) == []


@pytest.mark.parametrize("roles", [(), ("centre_staff",), ("platform_admin",)])
async def test_only_officers_and_ngo_members_register(
    registry: FakeRegistry, roles: tuple[str, ...]
) -> None:
    with pytest.raises(Forbidden):
        await _register(registry, person(HOME, *roles))
    assert registry.organizations.items == {} and registry.runner.committed == []


async def test_registering_in_a_tenant_never_onboarded_is_a_conflict() -> None:
    registry = fake_registry()
    with pytest.raises(Conflict) as refused:
        await _register(registry, person(HOME, "tenant_officer"))
    assert refused.value.extra["tenant_id"] == HOME
    assert registry.organizations.items == {}


async def test_a_number_a_verified_organization_holds_is_refused_and_nothing_is_kept(
    registry: FakeRegistry,
) -> None:
    first = await _register(registry)
    with pytest.raises(Conflict) as refused:
        await _register(registry, person(STRANGER, "tenant_officer"), nip=first.profile.nip)
    # The stranger's officer may not learn which organization holds the number.
    assert "existing_organization" not in refused.value.extra
    assert list(registry.organizations.items) == [first.id]
    assert len(registry.runner.events(OrganizationRegistered)) == 1


async def test_the_holders_own_officer_learns_which_organization_holds_the_number(
    registry: FakeRegistry,
) -> None:
    first = await _register(registry)
    with pytest.raises(Conflict) as refused:
        await _register(registry, nip=first.profile.nip)
    assert refused.value.extra["existing_organization"]["id"] == first.id


async def test_another_municipalitys_officer_gets_404_not_the_organization(
    registry: FakeRegistry,
) -> None:
    organization = await _register(registry)
    with pytest.raises(NotFound):
        await registry.organization_services.get(
            person(STRANGER, "tenant_officer"), organization.id
        )


async def test_who_may_read_an_organization(registry: FakeRegistry) -> None:
    registrant = person(HOME, "ngo_member")
    organization = await _register(registry, registrant)
    use = registry.organization_services

    assert (await use.get(registrant, organization.id)).id == organization.id
    assert (await use.get(person(CENTRE, "centre_staff"), organization.id)).id == organization.id
    member = person(STRANGER, "ngo_member", organization_id=organization.id)
    assert (await use.get(member, organization.id)).id == organization.id
    for outsider in (person(HOME, "ngo_member"), person(STRANGER, "centre_staff")):
        with pytest.raises(NotFound):
            await use.get(outsider, organization.id)


async def test_a_members_rename_of_a_verified_organization_waits_for_an_officer(
    registry: FakeRegistry,
) -> None:
    organization = await _register(registry)
    member = person(HOME, "ngo_member", organization_id=organization.id)

    changed = await registry.organization_services.update(
        member, organization.id, {"name": "Nowa Nazwa", "website": "https://example.org"}
    )

    stored = registry.organizations.stored(organization.id)
    assert stored.profile.name == organization.profile.name  # the public keeps the verified name
    assert stored.pending_identity == {"name": "Nowa Nazwa"}
    assert stored.profile.website == "https://example.org"
    assert changed.version == 1
    assert registry.audit.actions(organization.id) == ["registered", "updated"]
    verified = await registry.organization_services.verify(
        person(HOME, "tenant_officer"), organization.id
    )
    assert verified.profile.name == "Nowa Nazwa" and verified.pending_identity == {}


async def test_a_listing_municipalitys_officer_may_read_but_not_change_it(
    registry: FakeRegistry,
) -> None:
    organization = await _register(registry)
    neighbour = person(NEIGHBOUR, "tenant_officer")
    await registry.organization_services.put_on_list(neighbour, organization.id, "note")

    with pytest.raises(Forbidden):
        await registry.organization_services.update(neighbour, organization.id, {"website": None})
    with pytest.raises(Forbidden):
        await registry.organization_services.change_status(
            neighbour, organization.id, Status.SUSPENDED, None
        )


async def test_an_officer_verifies_a_self_registration_which_then_joins_the_home_list(
    registry: FakeRegistry,
) -> None:
    organization = await _register(registry, person(HOME, "ngo_member"))
    with pytest.raises(Forbidden):
        await registry.organization_services.verify(person(HOME, "ngo_member"), organization.id)

    verified = await registry.organization_services.verify(
        person(HOME, "tenant_officer"), organization.id
    )

    assert verified.verified and verified.listed_in == [HOME]
    assert registry.claims.claims == {f"nip:{organization.profile.nip}": organization.id}
    updated = registry.runner.events(OrganizationUpdated)[-1]
    assert isinstance(updated, OrganizationUpdated) and "verified" in updated.changed_fields


async def test_verifying_a_verified_organization_changes_nothing(registry: FakeRegistry) -> None:
    organization = await _register(registry)
    before = len(registry.runner.committed)
    again = await registry.organization_services.verify(
        person(HOME, "tenant_officer"), organization.id
    )
    assert again.version == 0 and len(registry.runner.committed) == before


async def test_verification_is_refused_with_a_reason_once(registry: FakeRegistry) -> None:
    organization = await _register(registry, person(HOME, "ngo_member"))
    officer = person(HOME, "tenant_officer")

    refused = await registry.organization_services.refuse_verification(
        officer, organization.id, "Brak statutu."
    )

    assert refused.verification_refusal == "Brak statutu."
    [event] = registry.runner.events(OrganizationVerificationRefused)
    assert isinstance(event, OrganizationVerificationRefused) and event.refused_fields == []
    await registry.organization_services.verify(officer, organization.id)
    with pytest.raises(Conflict):  # verified, and no change awaits verification
        await registry.organization_services.refuse_verification(officer, organization.id, "x")


async def test_deregistration_announces_itself_and_freezes_the_record(
    registry: FakeRegistry,
) -> None:
    organization = await _register(registry)
    officer = person(HOME, "tenant_officer")

    await registry.organization_services.change_status(
        officer, organization.id, Status.DEREGISTERED, "Likwidacja"
    )

    assert registry.organizations.stored(organization.id).status is Status.DEREGISTERED
    [changed] = registry.runner.events(OrganizationStatusChanged)
    assert isinstance(changed, OrganizationStatusChanged) and changed.reason == "Likwidacja"
    assert len(registry.runner.events(OrganizationDeregistered)) == 1
    with pytest.raises(Conflict):
        await registry.organization_services.update(officer, organization.id, {"website": None})
    assert registry.audit.actions(organization.id) == ["registered", "status:deregistered"]


async def test_another_municipality_lists_a_verified_organization_under_its_own_tenant(
    registry: FakeRegistry,
) -> None:
    organization = await _register(registry)
    neighbour = person(NEIGHBOUR, "tenant_officer")

    listed = await registry.organization_services.put_on_list(neighbour, organization.id, "dobra")

    assert listed.listed_in == sorted([HOME, NEIGHBOUR])
    assert registry.runner.tenants_of(OrganizationListed) == [HOME, NEIGHBOUR]
    assert registry.organizations.stored(organization.id).local_lists[NEIGHBOUR].needs_assessment


async def test_nobody_else_lists_an_unverified_registration(registry: FakeRegistry) -> None:
    organization = await _register(registry, person(HOME, "ngo_member"))
    with pytest.raises(NotFound):
        await registry.organization_services.put_on_list(
            person(NEIGHBOUR, "tenant_officer"), organization.id, None
        )


async def test_only_officers_of_onboarded_municipalities_put_on_lists(
    registry: FakeRegistry,
) -> None:
    organization = await _register(registry)
    with pytest.raises(Forbidden):
        await registry.organization_services.put_on_list(
            person(NEIGHBOUR, "ngo_member"), organization.id, None
        )
    with pytest.raises(Conflict):
        await registry.organization_services.put_on_list(
            person("3064011", "tenant_officer"), organization.id, None
        )


async def test_taking_off_a_list_needs_the_organization_on_it(registry: FakeRegistry) -> None:
    organization = await _register(registry)
    neighbour = person(NEIGHBOUR, "tenant_officer")
    await registry.organization_services.put_on_list(neighbour, organization.id, None)

    await registry.organization_services.take_off_list(neighbour, organization.id)

    assert registry.organizations.stored(organization.id).listed_in == [HOME]
    assert registry.runner.tenants_of(OrganizationDelisted) == [NEIGHBOUR]
    with pytest.raises(NotFound):
        await registry.organization_services.take_off_list(neighbour, organization.id)


async def test_local_lists_are_read_in_name_order_within_what_the_caller_sees(
    registry: FakeRegistry,
) -> None:
    for name in ("Zielona Fundacja", "Anioły Stróże"):
        await _register(registry, name=name)
    await _register(registry, person(NEIGHBOUR, "tenant_officer"), name="Klub Sąsiadów")
    use = registry.organization_services

    own = await use.list_visible(
        person(HOME, "tenant_officer"), municipality_id=None, after=None, limit=10
    )
    centre = await use.list_visible(
        person(CENTRE, "centre_staff"), municipality_id=None, after=None, limit=10
    )
    foreign = await use.list_visible(
        person(HOME, "tenant_officer"), municipality_id=NEIGHBOUR, after=None, limit=10
    )

    assert [o.profile.name for o in own] == ["Anioły Stróże", "Zielona Fundacja"]
    assert [o.profile.name for o in centre] == [
        "Anioły Stróże",
        "Klub Sąsiadów",
        "Zielona Fundacja",
    ]
    assert foreign == []


async def test_registered_by_me_lists_only_the_callers_registrations(
    registry: FakeRegistry,
) -> None:
    me, colleague = person(HOME, "ngo_member"), person(HOME, "ngo_member")
    mine = await _register(registry, me)
    await _register(registry, colleague)

    found = await registry.organization_services.registered_by_me(me, limit=10)

    assert [o.id for o in found] == [mine.id]


async def test_list_notes_are_read_by_officers_and_their_centre_only(
    registry: FakeRegistry,
) -> None:
    use = registry.organization_services
    assert await use.note_readers(person(HOME, "tenant_officer")) == {HOME}
    assert await use.note_readers(person(CENTRE, "centre_staff")) == {CENTRE, HOME, NEIGHBOUR}
    assert await use.note_readers(person(HOME, "ngo_member")) == frozenset()


async def test_history_pages_the_audit_trail_and_refuses_another_trails_cursor(
    registry: FakeRegistry,
) -> None:
    officer = person(HOME, "tenant_officer")
    organization = await _register(registry)
    other = await _register(registry)
    use = registry.organization_services
    for website in ("https://a.example", "https://b.example"):
        await use.update(officer, organization.id, {"website": website})

    first, cursor = await use.history(officer, organization.id, limit=2, before=None)
    rest, end = await use.history(officer, organization.id, limit=2, before=cursor)

    assert [e.action for e in first + rest] == ["updated", "updated", "registered"]
    assert end is None
    with pytest.raises(InvalidInput) as refused:
        await use.history(officer, organization.id, limit=2, before=f"{other.id}:1")
    assert refused.value.errors[0].field == "query.cursor"
    with pytest.raises(NotFound):
        await use.history(person(STRANGER, "tenant_officer"), organization.id, limit=2, before=None)


async def test_a_registration_is_stamped_with_the_injected_clock(registry: FakeRegistry) -> None:
    organization = await _register(registry)
    stored = registry.organizations.stored(organization.id)
    assert stored.registered_at == stored.updated_at == registry.clock.now()
    [event] = registry.runner.events(OrganizationRegistered)
    assert isinstance(event, OrganizationRegistered)
    assert event.registered_at == registry.clock.now()


async def test_a_retried_registration_still_announces_the_organization_once() -> None:
    registry = fake_registry(onboarded(HOME), retries=1)

    organization = await _register(registry)

    assert list(registry.organizations.items) == [organization.id]
    assert [type(e) for e in registry.runner.events()] == [
        OrganizationRegistered,
        OrganizationListed,
    ]
    assert registry.audit.actions(organization.id) == ["registered"]


@pytest.mark.parametrize(
    ("tenant", "roles", "member_of", "sees"),
    [
        (HOME, ("tenant_officer",), None, True),
        (NEIGHBOUR, ("tenant_officer",), None, True),  # it is on the neighbour's list
        (STRANGER, ("tenant_officer",), None, False),
        (CENTRE, ("centre_staff",), None, True),  # the centre's members list it
        (STRANGER, ("centre_staff",), None, False),
        (HOME, ("ngo_member",), None, False),  # a member of no organization, not its registrant
        (STRANGER, ("ngo_member",), "own", True),  # its own members, wherever their tenant
        (STRANGER, ("ngo_member",), "other", False),
        (HOME, ("platform_admin",), None, True),  # an admin acting in the home tenant
        (STRANGER, ("platform_admin",), None, False),
        (HOME, (), None, False),
    ],
)
async def test_who_reads_a_listed_organization(
    registry: FakeRegistry,
    tenant: str,
    roles: tuple[str, ...],
    member_of: str | None,
    sees: bool,
) -> None:
    organization = await _register(registry)
    other = await _register(registry)
    await registry.organization_services.put_on_list(
        person(NEIGHBOUR, "tenant_officer"), organization.id, None
    )
    organization_id = {"own": organization.id, "other": other.id}.get(member_of or "")
    caller = person(tenant, *roles, organization_id=organization_id)

    if sees:
        assert (await registry.organization_services.get(caller, organization.id)).id == (
            organization.id
        )
    else:
        with pytest.raises(NotFound) as hidden:
            await registry.organization_services.get(caller, organization.id)
        assert hidden.value.extra == {"organization_id": organization.id}


async def test_an_organizations_own_member_learns_it_holds_the_number(
    registry: FakeRegistry,
) -> None:
    holder = await _register(registry)
    member = person(STRANGER, "ngo_member", organization_id=holder.id)
    with pytest.raises(Conflict) as refused:
        await _register(registry, member, nip=holder.profile.nip)
    assert refused.value.extra["existing_organization"]["id"] == holder.id


async def test_verifying_a_registration_whose_number_another_verified_one_took_is_a_conflict(
    registry: FakeRegistry,
) -> None:
    pending = await _register(registry, person(HOME, "ngo_member"))
    await _register(registry, person(STRANGER, "tenant_officer"), nip=pending.profile.nip)

    with pytest.raises(Conflict):
        await registry.organization_services.verify(person(HOME, "tenant_officer"), pending.id)

    stored = registry.organizations.stored(pending.id)
    assert not stored.verified and stored.listed_in == []


async def test_an_unverified_organizations_member_cannot_take_a_verified_ones_number(
    registry: FakeRegistry,
) -> None:
    holder = await _register(registry)
    pending = await _register(registry, person(HOME, "ngo_member"))
    member = person(HOME, "ngo_member", organization_id=pending.id)

    with pytest.raises(Conflict):
        await registry.organization_services.update(member, pending.id, {"nip": holder.profile.nip})

    assert registry.organizations.stored(pending.id).profile.nip == pending.profile.nip


async def test_an_update_that_changes_nothing_writes_nothing(registry: FakeRegistry) -> None:
    organization = await _register(registry)
    before = len(registry.runner.committed)

    same = await registry.organization_services.update(
        person(HOME, "tenant_officer"), organization.id, {"name": organization.profile.name}
    )

    assert same.version == 0 and len(registry.runner.committed) == before
    assert registry.audit.actions(organization.id) == ["registered"]


async def test_local_lists_page_after_a_name_cursor(registry: FakeRegistry) -> None:
    for name in ("Alfa", "Beta", "Gamma"):
        await _register(registry, name=name)
    officer = person(HOME, "tenant_officer")
    use = registry.organization_services

    first = await use.list_visible(officer, municipality_id=None, after=None, limit=2)
    rest = await use.list_visible(officer, municipality_id=None, after=name_key(first[-1]), limit=2)

    assert [o.profile.name for o in first + rest] == ["Alfa", "Beta", "Gamma"]


@pytest.mark.parametrize("roles", [("centre_staff",), ("ngo_member",), ("platform_admin",)])
async def test_only_officers_take_organizations_off_lists(
    registry: FakeRegistry, roles: tuple[str, ...]
) -> None:
    organization = await _register(registry)
    with pytest.raises(Forbidden):
        await registry.organization_services.take_off_list(person(HOME, *roles), organization.id)
    assert registry.organizations.stored(organization.id).listed_in == [HOME]
