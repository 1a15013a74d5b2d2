"""Assessment rounds of the cooperation-quality index: who scores, publishes and compares."""

from __future__ import annotations

from datetime import date

import pytest

from services.consultations.domain.index.catalogue import Area
from services.consultations.domain.index.results import Group
from services.consultations.domain.index.round import IndexRound, RoundState
from shared.contracts.consultations import (
    IndexConclusionsRecorded,
    IndexRoundPublished,
    IndexRoundStarted,
    IndexScorecardSubmitted,
)
from shared.errors import Conflict, Forbidden, NotFound
from tests.consultations.services.conftest import (
    OTHER_TOWN,
    TOWN,
    World,
    centre_of,
    centre_staff,
    ngo_member,
    officer,
    resident,
    town,
)

PROCEDURE = "consultations.procedure"


async def started(world: World, tenant_id: str = TOWN, day: date = date(2026, 3, 10)) -> IndexRound:
    """Start a round of `tenant_id`."""
    return await world.services.index.start(
        officer(tenant_id), title="Diagnoza wstępna", assessed_on=day
    )


async def published(
    world: World, tenant_id: str = TOWN, day: date = date(2026, 3, 10)
) -> IndexRound:
    """Start, score by both groups, conclude and publish a round of `tenant_id`."""
    round_ = await started(world, tenant_id, day)
    index = world.services.index
    await index.score(officer(tenant_id), round_.id, {PROCEDURE: 3})
    await index.score(ngo_member(tenant_id), round_.id, {PROCEDURE: 1})
    await index.conclude(
        officer(tenant_id),
        round_.id,
        summary="Brakuje procedury konsultacji.",
        by_area={Area.SOCIAL_CONSULTATIONS: "Uchwalić procedurę."},
    )
    return await index.publish(officer(tenant_id), round_.id)


async def test_an_officer_starts_a_round_of_their_municipality(world: World) -> None:
    round_ = await started(world)

    assert (round_.tenant_id, round_.state) == (TOWN, RoundState.OPEN)
    assert world.transactions.tenants_of(IndexRoundStarted) == [TOWN]


@pytest.mark.parametrize("who", [ngo_member(), resident(), centre_staff()])
async def test_only_officers_start_rounds(world: World, who: object) -> None:
    with pytest.raises(Forbidden):
        await world.services.index.start(who, title="x", assessed_on=date(2026, 1, 1))  # type: ignore[arg-type]


async def test_officers_and_ngos_score_apart(world: World) -> None:
    round_ = await started(world)

    _, by_officer = await world.services.index.score(officer(), round_.id, {PROCEDURE: 3})
    _, by_ngo = await world.services.index.score(ngo_member(), round_.id, {PROCEDURE: 1})

    assert (by_officer.group, by_ngo.group) == (Group.OFFICERS, Group.NGOS)
    assert len(world.transactions.events(IndexScorecardSubmitted)) == 2
    with pytest.raises(Forbidden):
        await world.services.index.score(resident(), round_.id, {PROCEDURE: 2})


async def test_another_municipality_neither_scores_nor_reads_an_open_round(world: World) -> None:
    round_ = await started(world)

    with pytest.raises(NotFound):
        await world.services.index.score(ngo_member(OTHER_TOWN), round_.id, {PROCEDURE: 2})
    with pytest.raises(NotFound):
        await world.services.index.get(officer(OTHER_TOWN), round_.id)
    assert world.transactions.events(IndexScorecardSubmitted) == []


async def test_a_round_is_published_once_scored_by_both_and_concluded(world: World) -> None:
    round_ = await started(world)
    await world.services.index.score(officer(), round_.id, {PROCEDURE: 3})

    with pytest.raises(Conflict):
        await world.services.index.publish(officer(), round_.id)

    done = await published(world)
    assert done.state is RoundState.PUBLISHED
    assert len(world.transactions.events(IndexConclusionsRecorded)) == 1
    assert world.transactions.tenants_of(IndexRoundPublished) == [TOWN]


async def test_a_centre_reads_only_its_members_published_rounds(world: World) -> None:
    await centre_of(world, TOWN)
    done = await published(world)
    still_open = await started(world)
    elsewhere = await published(world, OTHER_TOWN)

    seen = await world.services.index.visible(centre_staff())

    assert [r.id for r in seen] == [done.id]
    assert (await world.services.index.get(centre_staff(), done.id)).id == done.id
    for hidden in (still_open.id, elsewhere.id):
        with pytest.raises(NotFound):
            await world.services.index.get(centre_staff(), hidden)


async def test_a_municipality_lists_its_own_rounds_latest_first(world: World) -> None:
    earlier = await started(world, day=date(2025, 3, 1))
    later = await started(world, day=date(2026, 3, 1))
    await started(world, OTHER_TOWN)

    seen = await world.services.index.visible(ngo_member())

    assert [r.id for r in seen] == [later.id, earlier.id]


async def test_two_rounds_of_a_municipality_compare_area_by_area(world: World) -> None:
    earlier = await published(world, day=date(2025, 3, 1))
    later = await published(world, day=date(2026, 3, 1))

    comparison = await world.services.index.compare(officer(), later.id, earlier.id)

    assert (comparison.earlier_round_id, comparison.later_round_id) == (earlier.id, later.id)
    # Both rounds scored alike: no area moved.
    assert comparison.areas[Area.SOCIAL_CONSULTATIONS].officers == 0
    with pytest.raises(NotFound):
        await world.services.index.compare(officer(OTHER_TOWN), later.id, earlier.id)


async def test_a_centre_compares_its_members_with_their_names(world: World) -> None:
    await centre_of(world, TOWN, OTHER_TOWN)
    await town(world, TOWN, "Gmina Pierwsza")
    await town(world, OTHER_TOWN, "Gmina Druga")
    await published(world, TOWN)
    await published(world, OTHER_TOWN)

    named = await world.services.index.compare_members(centre_staff())

    assert named.names == {TOWN: "Gmina Pierwsza", OTHER_TOWN: "Gmina Druga"}
    with pytest.raises(Forbidden):
        await world.services.index.compare_members(officer())
