"""Use cases of small grants (art. 19a) over in-memory stores."""

from __future__ import annotations

import pytest

from services.grants.domain.applicant import Applicant
from services.grants.domain.small_grant.small_grant import SmallGrantState
from services.grants.services.agreements import Representatives
from shared.contracts.grants import (
    SmallGrantCommented,
    SmallGrantConcluded,
    SmallGrantPolicySet,
    SmallGrantReceived,
)
from shared.errors import Conflict, Forbidden, NotFound
from tests.grants.domain.factories import TENANT
from tests.grants.domain.test_small_grants import AFTER_COMMENTS, POLICY, PUBLISHED, RECEIVED, form
from tests.grants.fakes import World
from tests.grants.services.steps import member, officer

OTHER = "tenant-0602011"


@pytest.fixture
def world() -> World:
    made = World()
    made.clock.set(RECEIVED)
    made.applicants.add(Applicant("org-a", TENANT, "Stowarzyszenie A"))
    return made


async def published(world: World) -> str:
    received = await world.small_grant_services.receive(member(), form())
    world.clock.set(PUBLISHED)
    await world.small_grant_services.publish(officer(), received.id)
    return received.id


async def comment(world: World, small_grant_id: str, **who: str | None) -> None:
    await world.small_grant_services.comment(
        TENANT,
        small_grant_id,
        "Dobry pomysł, ale budżet wydaje się wysoki.",
        author_name=None,
        author_subject=who.get("subject"),
        client_address=who.get("address", "192.0.2.10"),
    )


class TestReceive:
    async def test_a_member_hands_in_the_organizations_offer(self, world: World) -> None:
        received = await world.small_grant_services.receive(member(), form())

        assert received.organization_id == "org-a"
        assert world.runner.tenants_of(SmallGrantReceived) == [TENANT]

    async def test_an_officer_cannot_hand_one_in(self, world: World) -> None:
        with pytest.raises(Forbidden):
            await world.small_grant_services.receive(officer(), form())
        assert world.small_grants.all() == []


class TestComments:
    async def test_anyone_comments_a_published_offer_which_stays_unchanged(
        self, world: World
    ) -> None:
        small_grant_id = await published(world)
        version = world.small_grants.all()[0].version
        await comment(world, small_grant_id)

        assert world.small_grants.all()[0].version == version
        assert world.runner.tenants_of(SmallGrantCommented) == [TENANT]
        page = await world.small_grant_services.comments_of(
            officer(), small_grant_id, after=None, limit=10
        )
        assert len(page) == 1

    async def test_one_address_is_limited(self, world: World) -> None:
        small_grant_id = await published(world)
        for _ in range(world.comment_limits.per_address):
            await comment(world, small_grant_id)
        with pytest.raises(Conflict):
            await comment(world, small_grant_id)
        assert len(world.comments.stored) == world.comment_limits.per_address

    async def test_an_unpublished_offer_is_not_found_by_the_public(self, world: World) -> None:
        received = await world.small_grant_services.receive(member(), form())
        with pytest.raises(NotFound):
            await comment(world, received.id)
        assert world.comments.stored == []

    async def test_comments_close_with_the_comment_period(self, world: World) -> None:
        small_grant_id = await published(world)
        world.clock.set(AFTER_COMMENTS)
        with pytest.raises(Conflict):
            await comment(world, small_grant_id)


class TestConclude:
    async def test_after_the_comments_within_the_years_caps(self, world: World) -> None:
        await world.small_grant_services.set_policy(officer(), POLICY)
        small_grant_id = await published(world)
        world.clock.set(AFTER_COMMENTS)

        agreement = await world.small_grant_services.conclude(
            officer(), small_grant_id, Representatives()
        )
        assert agreement.source.small_grant_id == small_grant_id
        assert world.small_grants.all()[0].state is SmallGrantState.CONCLUDED
        assert world.runner.tenants_of(SmallGrantPolicySet) == [TENANT]
        assert world.runner.tenants_of(SmallGrantConcluded) == [TENANT]

    async def test_no_policy_for_the_year_writes_nothing(self, world: World) -> None:
        small_grant_id = await published(world)
        world.clock.set(AFTER_COMMENTS)

        with pytest.raises(Conflict):
            await world.small_grant_services.conclude(officer(), small_grant_id, Representatives())
        assert world.agreements.all() == []
        assert world.small_grants.all()[0].state is SmallGrantState.PUBLISHED


class TestRead:
    async def test_officers_and_the_organization_only(self, world: World) -> None:
        received = await world.small_grant_services.receive(member(), form())
        services = world.small_grant_services

        assert (await services.get(officer(), received.id)).id == received.id
        for stranger in (member("org-b"), officer(OTHER)):
            with pytest.raises(NotFound):
                await services.get(stranger, received.id)
        assert await services.list_visible(member("org-b")) == []
        assert await services.published(TENANT) == []


class TestDecisions:
    async def test_an_officer_declines_giving_the_reason(self, world: World) -> None:
        received = await world.small_grant_services.receive(member(), form())
        declined = await world.small_grant_services.decline(
            officer(), received.id, "Zadanie poza sferą pożytku publicznego."
        )
        assert declined.state is SmallGrantState.DECLINED
        with pytest.raises(NotFound):
            await world.small_grant_services.decline(officer(OTHER), received.id, "Nie.")

    async def test_the_years_policy_is_the_municipalitys_own(self, world: World) -> None:
        await world.small_grant_services.set_policy(officer(), POLICY)

        assert await world.small_grant_services.policy(officer(), POLICY.year) == POLICY
        with pytest.raises(Conflict):  # another municipality has set none of its own
            await world.small_grant_services.policy(officer(OTHER), POLICY.year)
        with pytest.raises(Forbidden):
            await world.small_grant_services.set_policy(member(), POLICY)
