"""Use cases of the committee and the results over in-memory stores."""

from __future__ import annotations

import pytest

from services.grants.domain.competition.competition import CompetitionState
from services.grants.domain.review.committee import CommitteeMember, MemberKind
from shared.contracts.grants import (
    CommitteeAppointed,
    CommitteeOfferScored,
    CompetitionGrantDecided,
    CompetitionResultsPublished,
)
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from shared.tenancy import Principal, TenantContext
from tests.grants.domain.factories import TENANT, pln, sheet
from tests.grants.fakes import World
from tests.grants.services.steps import in_review, member, officer, submitted_offer
from tests.support.principals import person

OTHER = "tenant-0602011"
MEMBERS = (
    CommitteeMember("member-officer", MemberKind.OFFICER),
    CommitteeMember("member-ngo", MemberKind.NGO_REPRESENTATIVE, "org-c"),
)


def juror(subject: str = "member-officer", tenant_id: str = TENANT) -> Principal:
    return person(tenant_id, "committee_member", subject=subject)


async def reviewed(world: World) -> tuple[str, str, str]:
    """A competition in review with a committee and two formally accepted offers."""
    competition_id, first = await submitted_offer(world, "org-a")
    _, second = await submitted_offer(world, "org-b", competition_id)
    await world.committee_services.appoint(officer(), competition_id, MEMBERS)
    await in_review(world, competition_id, first, second)
    return competition_id, first, second


class TestCommittee:
    async def test_appointed_once_by_the_officer(self, world: World) -> None:
        competition_id, _ = await submitted_offer(world)
        await world.committee_services.appoint(officer(), competition_id, MEMBERS)

        assert world.runner.tenants_of(CommitteeAppointed) == [TENANT]
        with pytest.raises(Forbidden):
            await world.committee_services.appoint(member(), competition_id, MEMBERS)
        with pytest.raises(NotFound):
            await world.committee_services.appoint(officer(OTHER), competition_id, MEMBERS)

    async def test_only_its_members_and_officers_read_it(self, world: World) -> None:
        competition_id, _, _ = await reviewed(world)

        assert (await world.committee_services.get(juror(), competition_id)).members
        assert (await world.committee_services.get(officer(), competition_id)).members
        with pytest.raises(NotFound):
            await world.committee_services.get(juror("someone-else"), competition_id)
        with pytest.raises(NotFound):
            await world.committee_services.get(officer(OTHER), competition_id)

    async def test_a_member_scores_after_declaring_and_the_ranking_follows(
        self, world: World
    ) -> None:
        competition_id, first, second = await reviewed(world)
        for subject in ("member-officer", "member-ngo"):
            await world.committee_services.declare(juror(subject), competition_id, [])
            await world.committee_services.score(juror(subject), competition_id, first, sheet(10))
            await world.committee_services.score(juror(subject), competition_id, second, sheet(19))

        ranking = await world.committee_services.ranking(officer(), competition_id)
        assert [entry.offer.id for entry in ranking.entries] == [second, first]
        assert len(world.runner.events(CommitteeOfferScored)) == 4

    async def test_a_conflicted_member_may_not_score_that_offer(self, world: World) -> None:
        competition_id, first, _ = await reviewed(world)
        await world.committee_services.declare(juror(), competition_id, [first])

        with pytest.raises(Forbidden):
            await world.committee_services.score(juror(), competition_id, first, sheet())
        assert world.runner.events(CommitteeOfferScored) == []

    async def test_scoring_needs_the_committee_member_role(self, world: World) -> None:
        competition_id, first, _ = await reviewed(world)
        with pytest.raises(Forbidden):
            await world.committee_services.score(officer(), competition_id, first, sheet())


class TestResults:
    async def test_grants_within_the_funds_then_the_published_results(self, world: World) -> None:
        competition_id, first, second = await reviewed(world)
        results = world.result_services
        await results.decide_grant(officer(), competition_id, first, pln(20_000))
        await results.decide_grant(officer(), competition_id, second, pln(0))

        published = await results.publish(officer(), competition_id)
        assert published.state is CompetitionState.RESOLVED
        assert world.runner.tenants_of(CompetitionGrantDecided) == [TENANT, TENANT]
        assert world.runner.tenants_of(CompetitionResultsPublished) == [TENANT]
        [kept] = await world.published.newest(TenantContext(TENANT), 10)
        assert kept.competition_id == competition_id and len(kept.lines) == 2
        assert kept.total_granted == pln(20_000).amount

    async def test_a_grant_above_the_request_writes_nothing(self, world: World) -> None:
        competition_id, first, _ = await reviewed(world)
        with pytest.raises(InvalidInput):
            await world.result_services.decide_grant(
                officer(), competition_id, first, pln(1_000_000)
            )
        assert world.competitions.all()[0].decisions == {}

    async def test_results_wait_for_every_accepted_offers_decision(self, world: World) -> None:
        competition_id, first, _ = await reviewed(world)
        await world.result_services.decide_grant(officer(), competition_id, first, pln(1_000))

        with pytest.raises(Conflict):
            await world.result_services.publish(officer(), competition_id)
        assert world.published.kept == {}
        assert world.competitions.all()[0].state is CompetitionState.IN_REVIEW

    async def test_another_municipality_cannot_decide(self, world: World) -> None:
        competition_id, first, _ = await reviewed(world)
        with pytest.raises(NotFound):
            await world.result_services.decide_grant(
                officer(OTHER), competition_id, first, pln(1_000)
            )
