"""Use cases of competitions over in-memory stores: roles, tenancy, states and the outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.grants.domain.applicant import KnownTenant
from services.grants.domain.competition.competition import CompetitionState
from shared.contracts.grants import (
    CompetitionAnnounced,
    CompetitionClosed,
    CompetitionDrafted,
)
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.grants.domain.factories import AFTER_DEADLINE, DEADLINE, TENANT, terms
from tests.grants.fakes import World
from tests.support.fakes import FakeTransactionRunner
from tests.support.principals import person

OTHER = "tenant-0602011"
CENTRE = "centre-06"


async def drafted(world: World, tenant_id: str = TENANT) -> str:
    officer = person(tenant_id, "tenant_officer")
    return (await world.competition_services.draft(officer, terms())).id


async def announced(world: World, tenant_id: str = TENANT) -> str:
    competition_id = await drafted(world, tenant_id)
    officer = person(tenant_id, "tenant_officer")
    await world.competition_services.announce(officer, competition_id)
    return competition_id


class TestDraft:
    async def test_stores_the_draft_and_records_its_event_under_the_officers_tenant(
        self, world: World
    ) -> None:
        competition_id = await drafted(world)

        [stored] = world.competitions.all()
        assert (stored.id, stored.tenant_id, stored.state) == (
            competition_id,
            TENANT,
            CompetitionState.DRAFT,
        )
        assert world.runner.tenants_of(CompetitionDrafted) == [TENANT]

    async def test_a_retried_transaction_still_records_the_draft_once(self, world: World) -> None:
        world.runner = FakeTransactionRunner(*world.runner.stores, retries=1)
        await drafted(world)

        assert len(world.competitions.all()) == 1
        assert world.runner.tenants_of(CompetitionDrafted) == [TENANT]

    async def test_refuses_anybody_but_an_officer(self, world: World) -> None:
        member = person(TENANT, "ngo_member", organization_id="org-a")
        with pytest.raises(Forbidden):
            await world.competition_services.draft(member, terms())
        assert world.competitions.all() == [] and world.runner.committed == []


class TestChange:
    async def test_announce_moves_the_draft_on_and_records_the_announcement(
        self, world: World
    ) -> None:
        competition_id = await announced(world)

        [stored] = world.competitions.all()
        assert stored.id == competition_id and stored.state is CompetitionState.ANNOUNCED
        assert world.runner.tenants_of(CompetitionAnnounced) == [TENANT]

    async def test_another_municipalitys_officer_gets_404_and_changes_nothing(
        self, world: World
    ) -> None:
        competition_id = await drafted(world)
        stranger = person(OTHER, "tenant_officer")

        with pytest.raises(NotFound):
            await world.competition_services.announce(stranger, competition_id)
        with pytest.raises(NotFound):
            await world.competition_services.revise(stranger, competition_id, terms(title="X"))
        assert world.competitions.all()[0].state is CompetitionState.DRAFT
        assert world.runner.events(CompetitionAnnounced) == []

    async def test_a_refused_announcement_writes_nothing(self, world: World) -> None:
        competition_id = await drafted(world)
        world.clock.set(DEADLINE - timedelta(days=20))  # under the 21 days of art. 13
        officer = person(TENANT, "tenant_officer")

        with pytest.raises(InvalidInput):
            await world.competition_services.announce(officer, competition_id)
        [stored] = world.competitions.all()
        assert stored.state is CompetitionState.DRAFT and stored.version == 0
        assert world.runner.events(CompetitionAnnounced) == []

    async def test_archive_of_a_draft_is_a_conflict(self, world: World) -> None:
        competition_id = await drafted(world)
        with pytest.raises(Conflict):
            await world.competition_services.archive(
                person(TENANT, "tenant_officer"), competition_id
            )

    async def test_cancel_records_the_reason(self, world: World) -> None:
        competition_id = await announced(world)
        cancelled = await world.competition_services.cancel(
            person(TENANT, "tenant_officer"), competition_id, "Brak środków w budżecie."
        )
        assert cancelled.state is CompetitionState.CANCELLED
        assert world.competitions.all()[0].state is CompetitionState.CANCELLED


class TestCopy:
    async def test_copies_into_a_new_draft_a_year_later(self, world: World) -> None:
        original = await announced(world)
        copy = await world.competition_services.copy(person(TENANT, "tenant_officer"), original, 1)
        assert copy.id != original and copy.state is CompetitionState.DRAFT
        assert copy.terms.offer_deadline.year == DEADLINE.year + 1
        assert len(world.competitions.all()) == 2

    async def test_refuses_another_municipalitys_competition(self, world: World) -> None:
        original = await announced(world)
        with pytest.raises(NotFound):
            await world.competition_services.copy(person(OTHER, "tenant_officer"), original, 1)


class TestRead:
    async def test_a_draft_is_hidden_from_members_and_other_tenants(self, world: World) -> None:
        competition_id = await drafted(world)
        member = person(TENANT, "ngo_member", organization_id="org-a")

        with pytest.raises(NotFound):
            await world.competition_services.get(member, competition_id)
        with pytest.raises(NotFound):
            await world.competition_services.get(person(OTHER, "tenant_officer"), competition_id)
        own = await world.competition_services.get(person(TENANT, "tenant_officer"), competition_id)
        assert own.id == competition_id

    async def test_a_centre_reads_its_members_announcements_but_not_their_drafts(
        self, world: World
    ) -> None:
        world.tenants.add(KnownTenant(CENTRE, "Centrum", "support_centre", member_ids=(TENANT,)))
        public, draft = await announced(world), await drafted(world)
        staff = person(CENTRE, "centre_staff")

        assert (await world.competition_services.get(staff, public)).id == public
        with pytest.raises(NotFound):
            await world.competition_services.get(staff, draft)
        listed = await world.competition_services.list_visible(staff, None, 50)
        assert [c.id for c in listed] == [public]

    async def test_an_officer_lists_own_drafts_a_member_does_not(self, world: World) -> None:
        public, draft = await announced(world), await drafted(world)
        officer = person(TENANT, "tenant_officer")
        member = person(TENANT, "ngo_member", organization_id="org-a")

        officers = await world.competition_services.list_visible(officer, None, 50)
        members = await world.competition_services.list_visible(member, None, 50)
        assert {c.id for c in officers} == {public, draft}
        assert [c.id for c in members] == [public]
        drafts = await world.competition_services.list_visible(member, CompetitionState.DRAFT, 50)
        assert drafts == []


class TestCloseDue:
    async def test_closes_every_tenants_competitions_past_their_deadline(
        self, world: World
    ) -> None:
        ours, theirs = await announced(world), await announced(world, OTHER)
        world.clock.set(AFTER_DEADLINE)

        assert await world.competition_services.close_due() == 2
        assert {c.id: c.state for c in world.competitions.all()} == {
            ours: CompetitionState.CLOSED,
            theirs: CompetitionState.CLOSED,
        }
        assert sorted(world.runner.tenants_of(CompetitionClosed)) == sorted([TENANT, OTHER])

    async def test_leaves_competitions_still_taking_offers(self, world: World) -> None:
        await announced(world)
        world.clock.set(DEADLINE - timedelta(minutes=1))

        assert await world.competition_services.close_due() == 0
        assert world.competitions.all()[0].state is CompetitionState.ANNOUNCED
