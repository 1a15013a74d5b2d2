"""Use cases of offers over in-memory stores: who may draft, change, see and review an offer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.grants.domain.applicant import Applicant
from services.grants.domain.offer.offer import OfferState
from shared.contracts.grants import OfferDrafted, OfferFormallyReviewed, OfferSubmitted
from shared.errors import Conflict, Forbidden, NotFound
from tests.grants.domain.factories import ALL_PASS, DEADLINE, TENANT, content
from tests.grants.fakes import World
from tests.grants.services.steps import competition, in_review, member, officer, submitted_offer
from tests.support.principals import person

OTHER = "tenant-0602011"


class TestDraft:
    async def test_a_member_drafts_for_the_organization_in_the_token(self, world: World) -> None:
        competition_id = await competition(world)
        checked = await world.offer_services.draft(member(), competition_id, content())

        assert checked.offer.organization_id == "org-a" and checked.breaches == []
        assert [o.id for o in world.offers.all()] == [checked.offer.id]
        assert world.runner.tenants_of(OfferDrafted) == [TENANT]

    async def test_an_officer_may_not_draft_an_offer(self, world: World) -> None:
        competition_id = await competition(world)
        with pytest.raises(Forbidden):
            await world.offer_services.draft(officer(), competition_id, content())

    async def test_an_organization_the_registry_never_announced_is_refused(
        self, world: World
    ) -> None:
        competition_id = await competition(world)
        with pytest.raises(Conflict) as refused:
            await world.offer_services.draft(member("org-unknown"), competition_id, content())
        assert refused.value.errors[0].field == "organization_id"
        assert world.offers.all() == []

    async def test_a_suspended_organization_is_refused(self, world: World) -> None:
        world.applicants.add(Applicant("org-s", TENANT, "Fundacja S", "suspended", True))
        competition_id = await competition(world)
        with pytest.raises(Conflict):
            await world.offer_services.draft(member("org-s"), competition_id, content())

    async def test_a_draft_announcement_or_another_municipalitys_is_not_found(
        self, world: World
    ) -> None:
        draft = await competition(world, announce=False)
        elsewhere = await competition(world, tenant_id=OTHER)
        for competition_id in (draft, elsewhere):
            with pytest.raises(NotFound):
                await world.offer_services.draft(member(), competition_id, content())
        assert world.offers.all() == []


class TestChangeByMember:
    async def test_another_organization_cannot_touch_the_offer(self, world: World) -> None:
        _, offer_id = await submitted_offer(world)
        with pytest.raises(NotFound):
            await world.offer_services.withdraw(member("org-b"), offer_id)
        assert world.offers.all()[0].state is OfferState.SUBMITTED

    async def test_submission_joins_the_competitions_list_once(self, world: World) -> None:
        competition_id, offer_id = await submitted_offer(world)

        page = await world.offer_services.of_competition(
            officer(), competition_id, after=None, limit=10
        )
        assert [o.id for o in page.items] == [offer_id]
        assert world.runner.tenants_of(OfferSubmitted) == [TENANT]

    async def test_a_submission_after_the_deadline_writes_nothing(self, world: World) -> None:
        competition_id = await competition(world)
        drafted = await world.offer_services.draft(member(), competition_id, content())
        world.clock.set(DEADLINE + timedelta(seconds=1))

        with pytest.raises(Conflict):
            await world.offer_services.submit(member(), drafted.offer.id)
        assert world.offers.all()[0].state is OfferState.DRAFT
        assert world.runner.events(OfferSubmitted) == []

    async def test_withdrawal_before_the_deadline(self, world: World) -> None:
        _, offer_id = await submitted_offer(world)
        withdrawn = await world.offer_services.withdraw(member(), offer_id)
        assert withdrawn.offer.state is OfferState.WITHDRAWN


class TestFormalReview:
    async def test_the_officer_accepts_a_submitted_offer_in_review(self, world: World) -> None:
        competition_id, offer_id = await submitted_offer(world)
        await in_review(world, competition_id)

        reviewed = await world.offer_services.review_formally(officer(), offer_id, ALL_PASS, None)
        assert reviewed.offer.state is OfferState.FORMALLY_ACCEPTED
        assert world.runner.tenants_of(OfferFormallyReviewed) == [TENANT]

    async def test_a_draft_offer_is_not_found_by_the_officer(self, world: World) -> None:
        competition_id = await competition(world)
        drafted = await world.offer_services.draft(member(), competition_id, content())
        with pytest.raises(NotFound):
            await world.offer_services.review_formally(officer(), drafted.offer.id, ALL_PASS, None)

    async def test_only_an_officer_reviews(self, world: World) -> None:
        competition_id, offer_id = await submitted_offer(world)
        await in_review(world, competition_id)
        with pytest.raises(Forbidden):
            await world.offer_services.review_formally(member(), offer_id, ALL_PASS, None)


class TestRead:
    async def test_a_draft_is_its_organizations_own(self, world: World) -> None:
        competition_id = await competition(world)
        drafted = await world.offer_services.draft(member(), competition_id, content())

        assert (await world.offer_services.get(member(), drafted.offer.id)).offer.id
        for stranger in (member("org-b"), officer(), officer(OTHER)):
            with pytest.raises(NotFound):
                await world.offer_services.get(stranger, drafted.offer.id)

    async def test_a_committee_member_outside_the_committee_sees_nothing(
        self, world: World
    ) -> None:
        competition_id, offer_id = await submitted_offer(world)
        outsider = person(TENANT, "committee_member")

        with pytest.raises(NotFound):
            await world.offer_services.get(outsider, offer_id)
        with pytest.raises(NotFound):
            await world.offer_services.of_competition(
                outsider, competition_id, after=None, limit=10
            )
        assert (await world.offer_services.get(officer(), offer_id)).offer.id == offer_id

    async def test_a_member_lists_the_organizations_offers_newest_first(self, world: World) -> None:
        competition_id = await competition(world)
        first = await world.offer_services.draft(member(), competition_id, content())
        world.clock.advance(timedelta(minutes=1))
        second = await world.offer_services.draft(member(), competition_id, content())
        await world.offer_services.draft(member("org-b"), competition_id, content())

        page = await world.offer_services.list_own(member(), after=None, limit=10)
        assert [o.id for o in page.items] == [second.offer.id, first.offer.id]


class TestRevise:
    async def test_a_revision_answers_every_breach_by_field(self, world: World) -> None:
        competition_id = await competition(world)
        drafted = await world.offer_services.draft(member(), competition_id, content())
        revised = await world.offer_services.revise(member(), drafted.offer.id, content(title=""))

        assert {breach.field for breach in revised.breaches} == {"title"}
        assert world.offers.all()[0].content.title == ""
        with pytest.raises(NotFound):
            await world.offer_services.revise(member("org-b"), drafted.offer.id, content())
