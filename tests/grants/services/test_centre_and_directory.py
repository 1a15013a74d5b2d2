"""Support-centre totals and the directory's answers, over in-memory stores."""

from __future__ import annotations

import pytest

from services.grants.domain.applicant import Applicant, KnownTenant
from shared.errors import Forbidden, NotFound
from tests.grants.domain.factories import TENANT, pln, terms
from tests.grants.fakes import World
from tests.support.principals import person

MEMBER_B, STRANGER, CENTRE = "tenant-0601022", "tenant-1465011", "centre-06"


@pytest.fixture
def world() -> World:
    made = World()
    made.tenants.add(KnownTenant(TENANT, "Gmina A", "municipality"))
    made.tenants.add(KnownTenant(MEMBER_B, "Gmina B", "municipality"))
    made.tenants.add(
        KnownTenant(CENTRE, "Centrum", "support_centre", member_ids=(TENANT, MEMBER_B))
    )
    made.applicants.add(Applicant("org-a", TENANT, "Fundacja A"))
    return made


async def announce(world: World, tenant_id: str, funds: int) -> None:
    officer = person(tenant_id, "tenant_officer")
    drafted = await world.competition_services.draft(officer, terms(total_funds=pln(funds)))
    await world.competition_services.announce(officer, drafted.id)


class TestFunds:
    async def test_totals_the_members_announced_funds_by_municipality(self, world: World) -> None:
        await announce(world, TENANT, 100_000)
        await announce(world, MEMBER_B, 50_000)
        await announce(world, STRANGER, 70_000)

        totals = await world.centre.funds(
            person(CENTRE, "centre_staff"), year=None, municipality_id=None, area=None
        )
        by_name = {line.municipality_name: line.competitions for line in totals.by_municipality}
        assert by_name == {"Gmina A": 1, "Gmina B": 1}
        assert totals.total.funds_announced == pln(150_000)

    async def test_one_member_when_named(self, world: World) -> None:
        await announce(world, TENANT, 100_000)
        await announce(world, MEMBER_B, 50_000)

        totals = await world.centre.funds(
            person(CENTRE, "centre_staff"), year=None, municipality_id=MEMBER_B, area=None
        )
        assert totals.total.funds_announced == pln(50_000)

    async def test_a_municipality_outside_the_centre_is_not_found(self, world: World) -> None:
        with pytest.raises(NotFound):
            await world.centre.funds(
                person(CENTRE, "centre_staff"), year=None, municipality_id=STRANGER, area=None
            )

    async def test_only_centre_staff_may_ask(self, world: World) -> None:
        with pytest.raises(Forbidden):
            await world.centre.funds(
                person(TENANT, "tenant_officer"), year=None, municipality_id=None, area=None
            )


class TestApplicant:
    async def test_members_see_their_own_organization_only(self, world: World) -> None:
        own = person(TENANT, "ngo_member", organization_id="org-a")
        other = person(TENANT, "ngo_member", organization_id="org-b")

        assert (await world.directory.applicant(own, "org-a")).name == "Fundacja A"
        with pytest.raises(NotFound):
            await world.directory.applicant(other, "org-a")

    async def test_staff_see_any_known_organization_but_not_an_unknown_one(
        self, world: World
    ) -> None:
        staff = person(MEMBER_B, "tenant_officer")
        assert (await world.directory.applicant(staff, "org-a")).id == "org-a"
        with pytest.raises(NotFound):
            await world.directory.applicant(staff, "org-missing")
